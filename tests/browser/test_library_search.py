"""A library's name for a code, typed into the site's search, finds that code first."""
from __future__ import annotations

import pytest

from .test_journeys import assert_search_lists_first


@pytest.mark.parametrize("query, anchor", [
    ("InsufficientPermissions", "json-50013"),  # Discord.Net
    ("DisallowedIntents", "close-4014"),  # discord-api-types, twilight, DSharpPlus
    ("MISSING_PERMISSIONS", "json-50013"),  # JDA
    ("ErrorResponse.MISSING_PERMISSIONS", "json-50013"),  # as written in JDA code
    ("ErrCodeUnknownInteraction", "json-10062"),  # discordgo
    ("close_codes::DISALLOWED_GATEWAY_INTENTS", "close-4014"),  # serenity, path included
])
def test_a_library_constant_finds_its_code_first(search_page, site_server, query, anchor):
    assert_search_lists_first(search_page, site_server, query, anchor)
