"""'Same number elsewhere' pairs only codes a reader could confuse, and says why."""
from __future__ import annotations

from conftest import load_catalog
from macros.references import same_number_elsewhere

CLOSE = "both are close codes a websocket can receive"
RPC = "both arrive on the RPC connection, one in an error payload and one as a close code"
HTTP = "both come with a failed HTTP request, one as its status and one in its JSON body"


def add(data_dir, table_id, entry):
    path = data_dir / f"{table_id}.toml"
    path.write_text(path.read_text(encoding="utf-8") + f"\n[[code]]\n{entry}\n", encoding="utf-8")


def twins(data_dir) -> dict[str, list[tuple[str, str]]]:
    found = same_number_elsewhere(load_catalog(data_dir))
    return {anchor: [(t.other.anchor, t.reason) for t in pairs] for anchor, pairs in found.items()}


def test_close_codes_of_gateway_and_voice_are_paired(tiny_data):
    # tiny: gateway close 4011 and voice close 4011; nothing else shares a number.
    assert twins(tiny_data) == {"close-4011": [("voice-close-4011", CLOSE)],
                                "voice-close-4011": [("close-4011", CLOSE)]}


def test_rpc_close_codes_pair_with_every_close_table_and_rpc_errors(tiny_data):
    add(tiny_data, "rpc-close-codes", 'code = 4000\nname = "Invalid client ID"\nexplanation = "Wrong client id."')
    add(tiny_data, "gateway-close-codes", 'code = 4000\nname = "Unknown error"\nreconnect = true\nresume = true\n'
                                          'explanation = "Something went wrong."')
    found = twins(tiny_data)
    assert found["rpc-close-4000"] == [("close-4000", CLOSE), ("rpc-error-4000", RPC)]
    assert found["rpc-error-4000"] == [("rpc-close-4000", RPC)]
    assert found["close-4000"] == [("rpc-close-4000", CLOSE)]
    assert "rpc-error-4000" not in dict(found["close-4000"])  # an RPC error never closes the gateway


def test_http_status_and_json_error_with_one_number_are_paired(tiny_data):
    add(tiny_data, "json-error-codes", 'code = 429\nname = "Example"\nexplanation = "An example JSON error."')
    assert twins(tiny_data)["http-429"] == [("json-429", HTTP)]


def test_opcodes_and_unrelated_tables_are_not_paired(tiny_data):
    add(tiny_data, "gateway-opcodes", 'code = 7\nname = "Reconnect"\nclient_action = "Receive"\nexplanation = "Reconnect now."')
    add(tiny_data, "json-error-codes", 'code = 7\nname = "Example"\nexplanation = "An example JSON error."')
    add(tiny_data, "json-error-codes", 'code = 4011\nname = "Example two"\nexplanation = "Another JSON error."')
    found = twins(tiny_data)
    assert "op-7" not in found and "voice-op-7" not in found and "json-7" not in found
    assert found["close-4011"] == [("voice-close-4011", CLOSE)]
    assert "json-4011" not in found
