"""Page macros: any number of them on any page, including several that set their HTML aside."""
from __future__ import annotations

import re

from conftest import copy_project, mkdocs_build
from helpers import replace_in

GENERATED_START = '<h2 id="'  # both pages' generated parts start at their first h2 (the intros have none)


def generated_part(site, page: str) -> str:
    """The part of a page's article that its macro wrote (from its first h2 to the article's end)."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    return article[article.index(GENERATED_START):].rstrip()


def headings_stripped(html: str) -> str:
    """Heading ids and permalinks aside: the table of contents may renumber a repeated heading's id."""
    return re.sub(r'<h([1-6]) id="[^"]*"', r"<h\1", html)


def test_two_set_aside_macros_on_one_page_each_give_their_own_content(tmp_path, built_site):
    """changes_list() and library_coverage() both keep their HTML out of Markdown until the page is
    rendered; on one page, in either order, each must come back whole and in its place (they once
    shared slot numbers: wrong content, or an IndexError)."""
    changes, libraries = generated_part(built_site, "changes"), generated_part(built_site, "libraries")
    assert "html-slot" not in changes + libraries and len(changes) > 1000 and len(libraries) > 1000

    project = copy_project(tmp_path / "project")
    replace_in(project / "docs" / "changes.md", "{{ changes_list() }}", "{{ changes_list() }}\n\n{{ library_coverage() }}")
    replace_in(project / "docs" / "libraries.md", "{{ library_coverage() }}", "{{ library_coverage() }}\n\n{{ changes_list() }}")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]

    both_ways = {"changes": (changes, libraries), "libraries": (libraries, changes)}
    for page, (first, second) in both_ways.items():
        html = headings_stripped(generated_part(site, page))
        assert "html-slot" not in html, page
        assert html.startswith(headings_stripped(first)), f"/{page}/: its own macro's content is not first and whole"
        assert html.endswith(headings_stripped(second)), f"/{page}/: the second macro's content is not last and whole"
