"""The real data: what issue 15's audit found is backed, and flags say truthfully who states them."""
from __future__ import annotations

import pytest

NON_JSON_TABLES = ("gateway-opcodes", "gateway-close-codes", "voice-opcodes", "voice-close-codes",
                   "http-status-codes", "rpc-error-codes", "rpc-close-codes")
# Every code the audit found wrong, misleading, doubtful or unsourced.
AUDIT_FINDINGS = (
    "close-4014", "json-20016", "json-0", "http-401", "http-404", "voice-close-4014", "json-10015",
    "http-403", "json-50001", "json-110000", "close-4009", "json-10013", "op-9", "close-4003",
    "close-4004", "voice-close-4001", "voice-close-4006", "voice-close-4020", "json-30001",
    "json-30013", "json-20028", "json-340015", "json-50008", "rpc-close-4001",
)
# Voice close codes whose own row in Discord's table speaks about reconnecting or resuming.
VOICE_CODES_WITH_DOC_TEXT = {4014, 4015, 4021, 4022}


@pytest.mark.parametrize("table_id", NON_JSON_TABLES)
def test_every_code_outside_the_json_table_cites_a_source(catalog, table_id):
    assert [c.anchor for c in catalog.table(table_id).codes if not c.sources] == []


@pytest.mark.parametrize("anchor", AUDIT_FINDINGS)
def test_every_audit_finding_carries_a_source(catalog, anchor):
    assert catalog.by_anchor()[anchor].sources


def test_gateway_reconnect_is_discords_table_and_resume_never_is(catalog):
    for code in catalog.table("gateway-close-codes").codes:
        assert code.flag_basis["reconnect"] == "discord-table", code.anchor
        assert code.flag_basis["resume"] != "discord-table", code.anchor


def test_voice_flags_claim_discords_word_only_where_its_row_has_text(catalog):
    for code in catalog.table("voice-close-codes").codes:
        stated = {flag for flag, basis in code.flag_basis.items() if basis != "our-reading"}
        assert not stated or code.code in VOICE_CODES_WITH_DOC_TEXT, code.anchor
        assert "discord-table" not in code.flag_basis.values(), code.anchor
    for number in VOICE_CODES_WITH_DOC_TEXT:
        code = next(c for c in catalog.table("voice-close-codes").codes if c.code == number)
        assert code.flag_basis["reconnect"] == "discord-text", code.anchor
