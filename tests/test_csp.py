"""The Content-Security-Policy header (DESIGN.md §7, STYLE.md 7; issue 15): on every response, in every
environment, strict: nothing from elsewhere, nothing inline but what a nonce or a pinned hash allows. The
browser side (charts draw, the API docs work, nothing is blocked) is tests/e2e/test_csp.py."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";"))}


def assert_strict(policy: dict[str, list[str]]) -> None:
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    for name in ("script-src", "style-src", "style-src-attr"):
        assert "'unsafe-inline'" not in policy[name] and "'unsafe-eval'" not in policy[name]
        allowed = ("'self'", "'nonce-", "'sha256-", "'unsafe-hashes'")
        assert all(v.startswith(allowed) for v in policy[name]), policy[name]
    assert "*" not in " ".join(v for values in policy.values() for v in values)


def test_a_page_has_the_strict_policy_and_no_nonce(client, strategist, client_for):
    for response in (client.get(reverse("login")), client_for(strategist).get(reverse("home"))):
        assert response.status_code == 200
        policy = directives(response)
        assert_strict(policy)
        assert policy["script-src"] == ["'self'"]  # our pages have no inline script: no nonce is used


def test_the_api_has_it_too(client, strategist, client_for):
    response = client_for(strategist).get("/api/v1/projects/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert_strict(directives(response))


def test_the_api_docs_mark_their_inline_blocks_with_the_nonce(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    policy = directives(response)
    assert_strict(policy)
    nonce = re.search(r"'nonce-([^']+)'", " ".join(policy["script-src"])).group(1)
    assert f"'nonce-{nonce}'" in policy["style-src"]
    html = response.content.decode()
    inline = re.findall(r"<(script|style)(?![^>]*\bsrc=)([^>]*)>", html)
    assert {tag for tag, _attrs in inline} == {"script", "style"}
    assert all(f'nonce="{nonce}"' in attrs for _tag, attrs in inline), inline
    # A new nonce per response.
    assert f"'nonce-{nonce}'" not in client.get(reverse("api-docs"))["Content-Security-Policy"]


def test_no_template_has_an_inline_style_or_script(settings):
    """Our templates keep the policy strict by themselves: no style attribute, no inline <style> or
    <script> (json_script data blocks are not run). The print template of the PDF is rendered into a
    document Chromium prints offline, never served to a browser, and may inline what it needs."""
    from pathlib import Path

    root = Path(settings.BASE_DIR) / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        if path.name == "report_print.html":
            continue
        text = path.read_text()
        if re.search(r"\sstyle\s*=", text):
            offenders.append(f"{path.relative_to(root)}: style attribute")
        for tag, attrs in re.findall(r"<(script|style)\b([^>]*)>", text):
            if "src=" not in attrs and "csp_nonce_attr" not in attrs and "application/json" not in attrs:
                offenders.append(f"{path.relative_to(root)}: inline <{tag}>")
    assert offenders == []
