"""The site's search finds a route by its name, a flag by its name, and a pasted path (issue 21):
the search entries of /permissions/ (macros/endpoints/export.search_entries). Material lists them
under the page's own entry, so the page comes first and the entry right below it."""
from __future__ import annotations

import pytest

from .test_journeys import search


@pytest.mark.parametrize("query, location", [
    ("Add Guild Member Role", "permissions/#route-add-guild-member-role"),
    ("MANAGE_ROLES", "permissions/#perm-manage-roles"),
    ("/guilds/1067429100723118141/members/97026170465316864/roles/1067429100836376698",
     "permissions/#route-add-guild-member-role"),
])
def test_search_lists_the_permissions_entry_first(search_page, site_server, query, location):
    hits = search(search_page, query)
    assert hits[:2] == [f"{site_server}/permissions/", f"{site_server}/{location}"], hits[:5]


def test_a_route_name_shared_with_codes_is_still_found(search_page, site_server):
    hits = search(search_page, "List Guild Members")
    assert f"{site_server}/permissions/#route-list-guild-members" in hits[:12], hits[:12]
