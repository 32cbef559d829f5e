"""The report in a real headless Chromium: renders, colours, toggles, never runs article script."""
from __future__ import annotations

import shutil

import pytest

from narrascope.report import write_report
from report_articles import make_article
from shared_data import need_chromium, need_module

CHROMIUM, DRIVER = shutil.which("chromium") or "/usr/bin/chromium", shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = need_module("selenium.webdriver", "selenium is not installed (pip install narrascope[test])")
    from pathlib import Path

    need_chromium()
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,2000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()


@pytest.mark.slow
def test_article_page_in_chromium(browser, tmp_path):
    from selenium.webdriver.common.by import By

    write_report([make_article()], tmp_path)
    page = next((tmp_path / "articles").glob("*.html"))
    browser.get(page.as_uri())
    # No alert fired (selenium would raise), no script element, the article's <script> is visible text.
    assert browser.execute_script("return document.scripts.length") == 0
    assert "<script>alert('x')</script>" in browser.find_element(By.CSS_SELECTOR, ".body").text
    # The stylesheet loaded from disk and each speaker's quotes have their own background.
    backgrounds = browser.execute_script(
        "return [...document.querySelectorAll('.body .q.q-direct:not(.anon)')]"
        ".map(e => e.title.split(' ')[0] + ' ' + getComputedStyle(e).backgroundColor)")
    by_speaker: dict[str, set] = {}
    for item in backgrounds:
        name, colour = item.split(" ", 1)
        by_speaker.setdefault(name, set()).add(colour)
    assert len(by_speaker) == 2 and all(len(c) == 1 for c in by_speaker.values())
    assert len({next(iter(c)) for c in by_speaker.values()}) == 2
    assert "rgba(0, 0, 0, 0)" not in {c for cs in by_speaker.values() for c in cs}
    # Narrative evidence is off until its box is ticked (CSS :has toggle, no script).
    shadow = "return getComputedStyle(document.querySelector('.body .ev-narr')).boxShadow"
    assert browser.execute_script(shadow) == "none"
    browser.find_element(By.ID, "show-narr").click()
    assert browser.execute_script(shadow) != "none"
    png = tmp_path / "article.png"
    assert browser.save_screenshot(str(png)) and png.stat().st_size > 20_000


@pytest.mark.slow
def test_index_page_in_chromium(browser, tmp_path):
    from selenium.webdriver.common.by import By

    index = write_report([make_article("a1"), make_article("a2")], tmp_path)
    browser.get(index.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "table.articles tbody tr")
    assert len(rows) == 2
    rows[1].find_element(By.TAG_NAME, "a").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Reserves run short, says former minister"
    assert browser.current_url.endswith(".html") and "/articles/a2-" in browser.current_url
