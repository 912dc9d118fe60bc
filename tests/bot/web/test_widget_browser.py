"""The web widget in a real browser (Debian's chromium, headless, driven by Playwright) against
the real Rasa and action servers: describe symptoms, answer with buttons, read the assessment,
open a citation; the same at phone size with a red flag.

Chromium must be installed (`make browser`); without it this test FAILS, it never skips.
Screenshots are written to the test's tmp dir (desktop.png, phone.png).
"""
from __future__ import annotations

import re
import shutil

import pytest
import yaml
from playwright.sync_api import Page, expect, sync_playwright

from common.settings import PROJECT_ROOT

pytestmark = pytest.mark.servers

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
KNOWLEDGE = PROJECT_ROOT / "actions" / "knowledge"
# Enough answers to finish any interview (the engine asks at most 8 questions).
MAX_ANSWERS = 12


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is not installed; run `make browser` "
                    "(apt-get install chromium). This test must run, so it fails instead of skipping.")
    return path


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    user_data_dir = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir), executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS,
            viewport=DESKTOP,
        )
        yield context
        context.close()


@pytest.fixture
def open_widget(browser_context, radix_servers):
    """Opens the widget in a new tab at a viewport size; collects the page's errors."""
    pages, errors = [], []

    def _open(viewport: dict) -> Page:
        page = browser_context.new_page()
        pages.append(page)
        page.set_viewport_size(viewport)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{radix_servers.settings.rasa_url}/webhooks/web/")
        expect(page.locator("#message")).to_be_enabled(timeout=30_000)  # socket session confirmed
        return page

    yield _open
    for page in pages:
        page.close()
    assert errors == [], f"errors in the page (script or Content-Security-Policy): {errors}"


def _bot_count(page: Page) -> int:
    return page.locator(".msg.bot").count()


def _wait_for_replies(page: Page, before: int) -> None:
    """Until a new bot message arrived and the server closed the turn (the log is no longer busy)."""
    expect(page.locator(".msg.bot")).not_to_have_count(before, timeout=60_000)
    expect(page.locator("#log")).to_have_attribute("aria-busy", "false", timeout=60_000)


def _type(page: Page, text: str) -> None:
    before = _bot_count(page)
    page.fill("#message", text)
    page.press("#message", "Enter")
    _wait_for_replies(page, before)


def _click_answer(page: Page, title: str) -> bool:
    answers = page.locator(".quick-replies button:enabled", has_text=re.compile(f"^{title}$"))
    if answers.count() == 0:
        return False
    before = _bot_count(page)
    answers.last.click()
    _wait_for_replies(page, before)
    return True


def _no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"page scrolls sideways: {widths}"


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _article_texts() -> str:
    return _normalised(" ".join(p.read_text() for p in (KNOWLEDGE / "articles").glob("*.txt")))


def _article_titles() -> set[str]:
    return {a["title"] for a in yaml.safe_load((KNOWLEDGE / "articles.yml").read_text())["articles"]}


def test_symptoms_buttons_assessment_and_a_citation_on_desktop(open_widget, tmp_path):
    page = open_widget(DESKTOP)
    expect(page.locator("#disclaimer")).to_contain_text("Radix supports decisions; it does not diagnose.")

    _type(page, "my right foot is numb on top and I can't walk on my heels")
    assessment = page.locator(".msg.reply-assessment")
    expect(page.locator(".msg.reply-question").last).to_be_visible()
    assert _click_answer(page, "None of these"), "the red-flag screen did not come first"
    assert _click_answer(page, "No"), "the first follow-up question had no 'No' button"
    # The button's title is shown as the user's message, not its payload.
    expect(page.locator(".msg.user").last).to_have_text("No")
    assert page.locator(".msg.user", has_text="/deny").count() == 0
    for _ in range(MAX_ANSWERS):
        if assessment.count() or not _click_answer(page, "No"):
            break
    if not assessment.count():
        _type(page, "result")
    expect(assessment.last).to_be_visible()

    reply = assessment.last
    considerations = reply.locator(".section-considerations")
    expect(considerations).to_be_visible()
    expect(reply.locator(".triage")).to_be_visible()
    marker = considerations.locator(".cite").first
    expect(marker).to_have_text(re.compile(r"^\[\d+\]$"))
    marker.click()

    dialog = page.locator("#citation")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#citation-heading")).to_have_text(f"Source {marker.inner_text()}")
    quote = dialog.locator("#citation-quote").inner_text().strip("\u201c\u201d")
    title = dialog.locator("#citation-title").inner_text()
    assert len(quote) > 20 and _normalised(quote) in _article_texts(), quote
    assert title in _article_titles(), title
    page.screenshot(path=str(tmp_path / "desktop-citation.png"))

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    _no_horizontal_scroll(page)
    page.screenshot(path=str(tmp_path / "desktop.png"), full_page=True)


def test_red_flag_banner_first_at_phone_size_without_sideways_scroll(open_widget, tmp_path):
    page = open_widget(PHONE)
    expect(page.locator("#disclaimer")).to_be_visible()
    _type(page, "my left foot is weak, I can't control my bladder and I'm numb between my legs")

    urgent = page.locator(".msg.bot").filter(has=page.locator(".banner.red-flags")).first
    expect(urgent).to_be_visible()
    # The banner is the first thing in its reply (after the title), whatever else it holds.
    first_block = urgent.locator(":scope > :not(.reply-title)").first
    expect(first_block).to_have_class(re.compile(r"\bred-flags\b"))
    color = first_block.evaluate("e => getComputedStyle(e).backgroundColor")
    assert color == "rgb(179, 0, 27)", color
    expect(first_block.locator(".cite").first).to_be_visible()

    _no_horizontal_scroll(page)
    box = urgent.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    page.screenshot(path=str(tmp_path / "phone.png"))

    first_block.locator(".cite").first.click()
    dialog = page.locator("#citation")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert dialog.locator("#citation-title").inner_text() in _article_titles()
    page.screenshot(path=str(tmp_path / "phone-citation.png"))
    dialog.locator("#citation-close").click()
    expect(dialog).to_be_hidden()


def test_a_patient_gets_the_summary_with_one_click_then_copies_and_downloads_it(open_widget, browser_context,
                                                                              radix_servers, tmp_path):
    browser_context.grant_permissions(["clipboard-read", "clipboard-write"], origin=radix_servers.settings.rasa_url)
    page = open_widget(PHONE)
    _type(page, "my left foot is numb and tingly, its been like this for 3 weeks")
    assert _click_answer(page, "None of these"), "the red-flag screen did not come first"
    _type(page, "result")
    expect(page.locator(".msg.reply-assessment").last).to_be_visible()

    assert _click_answer(page, "Summary"), "the result had no Summary button"
    summary = page.locator(".msg.reply-summary").last
    expect(summary).to_be_visible()
    expect(summary.locator(".reply-title")).to_have_text("Your summary for your doctor")
    note = summary.locator(".summary-text")
    expect(note).to_be_hidden()
    text = note.text_content()
    assert text.startswith("YOUR SUMMARY FOR YOUR DOCTOR\nRadix case ") and "What you told me:" in text
    assert text.endswith("Radix supports decisions; it does not diagnose. Only a clinician who examines you can.")

    summary.locator(".copy-summary").click()
    expect(summary.locator(".copy-status")).to_have_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == text

    with page.expect_download() as download_info:
        summary.locator(".download-summary").click()
    download = download_info.value
    case_id = re.search(r"Radix case ([0-9a-f]{12}),", text).group(1)
    assert download.suggested_filename == f"radix-summary-{case_id}.txt"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == text
    _no_horizontal_scroll(page)
    page.screenshot(path=str(tmp_path / "phone-summary.png"), full_page=True)
