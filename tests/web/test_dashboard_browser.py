"""The dashboard in real headless Chromium against a live server with a seeded database."""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from shared_data import need_chromium, need_module

from narrascope.doc import Article, Label, Quote, Span
from narrascope.store import Store
from narrascope.store.claims import update_claims
from narrascope.store.synthetic import synthetic_corpus

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
XSS = "<script>window.__pwned = 1</script>"


class TextHashEmbedder:
    """Same text, same vector: enough to form claim groups from the synthetic corpus without a model."""

    dim = 16

    def embed(self, texts, kind="passage"):
        out = np.stack([np.frombuffer(hashlib.sha256(t.encode()).digest()[:16], dtype=np.uint8).astype(np.float32) - 127.5
                        for t in texts])
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def xss_article() -> Article:
    text = f"Hostile markup test. {XSS} The mayor said that <img src=x onerror=\"window.__pwned=2\"> is not an image."
    q = text.index("<img")
    art = Article(id="xss-1", title=f"Title with {XSS}", text=text, outlet="<b>Outlet</b>", published="2024-06-03",
                  language="en", url="javascript:window.__pwned=3",
                  quotes=[Quote(speaker="<i>Mayor</i>", text=text[q:q + 41], kind="indirect", start=q, end=q + 41)],
                  narratives=[Label("URW: Discrediting Ukraine", 0.7, [Span(0, 21, text[:21])])])
    art.compute_hash()
    return art


def framing_article() -> Article:
    """Labels with tiers and scores, an actor cast in a role and one only mentioned; a wire copy of it."""
    from narrascope.doc import Entity

    text = "Officials in Kharkiv said the bridge was repaired. Reuters reported the news first. Some call it a “miracle”."
    said, phrase = text.index("the bridge"), text.index("miracle")
    art = Article(id="framing-1", title="Bridge repaired in Kharkiv", text=text, outlet="Kyiv Ledger", published="2024-06-04",
                  language="en",
                  quotes=[Quote(speaker="Officials in Kharkiv", text="the bridge was repaired", kind="indirect", start=said, end=said + 23),
                          Quote(speaker=None, text="miracle", kind="direct", start=phrase, end=phrase + 7)],
                  narratives=[Label("URW: Discrediting Ukraine", 0.82, [Span(0, 50, text[:50])], tier="confident"),
                              Label("URW: Amplifying war-related fears", 0.21, [Span(0, 50, text[:50])], tier="guess")],
                  entities=[Entity("Kharkiv", 13, 20, main_role="Innocent", fine_roles=["Victim"], score=0.7, type="GPE"),
                            Entity("Reuters", 51, 58, type="ORG", framed=False, framed_score=0.1)])
    art.raw_text = art.text
    art.compute_hash()
    return art


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    uvicorn = need_module("uvicorn")
    from narrascope.api import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'corpus.db'}"
    st = Store(url)
    st.add_many([*synthetic_corpus(300, seed=7), xss_article(), framing_article()])
    copy = framing_article()
    copy.id, copy.outlet, copy.published = "framing-copy", "Baltic Wire", "2024-06-05"
    assert st.add(copy) == "appearance"
    update_claims(st, embedder=TextHashEmbedder(), threshold=0.99)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(url, store=st), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = need_module("selenium.webdriver", "selenium is not installed (pip install narrascope[test])")
    need_chromium()
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600",
                 f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=DRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    # NARRASCOPE_SCREENSHOTS=DIR keeps the screenshots for a human to look at.
    keep = os.environ.get("NARRASCOPE_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path_factory.mktemp("shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser, url: str) -> None:
    browser.get(url)
    wait_ready(browser)


def wait_ready(browser) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(lambda d: d.execute_script(
        "const v = document.getElementById('view'); return v && v.dataset.ready === '1'"))


def go(browser, hash_: str) -> None:
    browser.execute_script("document.getElementById('view').dataset.ready = '0'; location.hash = arguments[0]", hash_)
    wait_ready(browser)


def canvas_ink(browser, canvas_id: str) -> int:
    """How many pixels of the canvas are drawn (not transparent)."""
    return browser.execute_script("""
        const c = document.getElementById(arguments[0]);
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;""", canvas_id)


pytestmark = pytest.mark.slow


def test_overview_draws_the_charts(server, browser, shots):
    open_page(browser, server + "/")
    assert browser.execute_script("return typeof Chart") == "function"  # vendored library loaded, offline
    charts = browser.execute_script("""const c = window.narrascopeCharts;
        return c.timeline && c.outlets ? [c.timeline.data.datasets.length, c.outlets.data.labels.length, c.timeline.data.labels.length] : null""")
    assert charts is not None and charts[0] >= 3 and charts[1] == 7 and charts[2] >= 40  # weeks of a year
    # One label, one colour on both charts; legends carry the full label text.
    colours = browser.execute_script("""const c = window.narrascopeCharts;
        const tl = Object.fromEntries(c.timeline.data.datasets.map((d) => [d.label, d.borderColor]));
        const out = Object.fromEntries(c.outlets.data.datasets.map((d) => [d.label, d.backgroundColor]));
        return [tl, out];""")
    shared = set(colours[0]) & set(colours[1])
    assert shared and all(colours[0][k] == colours[1][k] for k in shared)
    legend = [li.text for li in browser.find_elements("css selector", "#legend-timeline li")]
    assert legend and not any(t.endswith("…") for t in legend)
    # The outlet chart counts articles: the grey series is each outlet's article count, no label exceeds it.
    bars = browser.execute_script("""const c = window.narrascopeCharts.outlets;
        return [c.data.datasets.map((d) => d.data), c.options.scales.x.title.text, c.data.labels];""")
    totals = bars[0][0]
    assert bars[1] == "articles" and all(all(v <= t for v, t in zip(series, totals)) for series in bars[0][1:])
    stats = browser.execute_script("return fetch('/api/outlets').then((r) => r.json())")
    assert dict(zip(bars[2], totals)) == {o["outlet"] or "unknown": o["articles"] for o in stats}
    assert canvas_ink(browser, "chart-timeline") > 5000 and canvas_ink(browser, "chart-outlets") > 5000
    assert "Sourcing by outlet" in browser.page_source
    png = shots / "dashboard-overview.png"
    assert browser.save_screenshot(str(png)) and png.stat().st_size > 30_000
    # Another period re-draws from the API.
    go(browser, "#/?period=month")
    assert browser.execute_script("return window.narrascopeCharts.timeline.data.labels.length") == 12
    # The outlet filter applies to the outlet chart too; a minimum score shrinks the counts.
    go(browser, "#/?outlet=Baltic%20Wire")
    assert browser.execute_script("return window.narrascopeCharts.outlets.data.labels") == ["Baltic Wire"]
    before = browser.execute_script("return window.narrascopeCharts.outlets.data.datasets.slice(1).flatMap((d) => d.data).reduce((a, b) => a + b, 0)")
    go(browser, "#/?outlet=Baltic%20Wire&min_score=0.7")
    after = browser.execute_script("return window.narrascopeCharts.outlets.data.datasets.slice(1).flatMap((d) => d.data).reduce((a, b) => a + b, 0)")
    assert after < before


def test_search_finds_articles_and_names(server, browser, shots):
    from selenium.webdriver.common.by import By

    open_page(browser, server + "/")
    box = browser.find_element(By.ID, "search-input")
    box.clear()
    box.send_keys("Orlov sanctions")
    browser.execute_script("document.getElementById('view').dataset.ready = '0'")
    browser.find_element(By.CSS_SELECTOR, "#search-form button").click()
    wait_ready(browser)
    rows = browser.find_elements(By.CSS_SELECTOR, "#article-results tbody tr")
    assert rows and "Search: Orlov sanctions" in browser.find_element(By.TAG_NAME, "h1").text
    total = browser.find_element(By.CSS_SELECTOR, ".pager span").text
    assert " of " in total
    # A name search also offers the speaker page, which lists the quotes.
    go(browser, "#/articles?q=orlov")
    browser.find_element(By.CSS_SELECTOR, "#name-results a").click()
    wait_ready(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Pavel Orlov"
    assert len(browser.find_elements(By.CSS_SELECTOR, "table tbody tr")) > 5
    browser.save_screenshot(str(shots / "dashboard-speaker.png"))


def test_articles_page_filters_and_snippets(server, browser, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, server + "/#/articles")
    form = browser.find_element(By.ID, "article-filters")
    Select(form.find_element(By.NAME, "outlet")).select_by_value("Danube Herald")
    form.find_element(By.NAME, "q").send_keys("sanctions")
    browser.execute_script("document.getElementById('view').dataset.ready = '0'")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_ready(browser)
    assert "outlet=Danube+Herald" in browser.current_url and "q=sanctions" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "#article-results tbody tr")
    assert rows and all(r.find_elements(By.TAG_NAME, "td")[1].text == "Danube Herald" for r in rows)
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-results .snippet mark")
    assert marks and all("sanction" in m.text.lower() for m in marks)
    browser.save_screenshot(str(shots / "dashboard-articles-filtered.png"))


def test_article_tiers_min_score_mentioned_and_appearances(server, browser, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, server + "/#/article/framing-1")
    assert [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#narratives .tag.tier")] == ["confident", "guess"]
    Select(browser.find_element(By.ID, "label-min-score")).select_by_value("0.5")
    shown = [el for el in browser.find_elements(By.CSS_SELECTOR, "#narratives .narr") if el.is_displayed()]
    assert len(shown) == 1 and "1 below 0.5 hidden" in browser.find_element(By.ID, "labels-hidden").text
    assert [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#mentioned .tag")] == ["Reuters"]
    assert "Reuters" not in browser.find_element(By.CSS_SELECTOR, "#actors table").text
    assert "Baltic Wire" in browser.find_element(By.ID, "appearances").text
    # A one-word quoted phrase with no speaker is listed apart from the statements.
    assert "Who says what (1)" in browser.find_element(By.ID, "quotes").text
    assert "miracle" not in browser.find_element(By.CSS_SELECTOR, "#quotes table").text
    assert [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#quoted-phrases .tag")] == ["“miracle”"]
    assert browser.find_element(By.ID, "delete-article").is_displayed()
    browser.save_screenshot(str(shots / "dashboard-article-framing.png"))


def test_article_view_colours_quotes_and_shows_evidence(server, browser, shots):
    from selenium.webdriver.common.by import By

    open_page(browser, server + "/#/article/synthetic-000003")
    quotes = browser.find_elements(By.CSS_SELECTOR, "#article-text .q")
    assert quotes and all(q.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)" for q in quotes)
    legend = browser.find_elements(By.CSS_SELECTOR, "#speaker-legend > span")
    assert len(legend) >= 1
    assert browser.find_elements(By.CSS_SELECTOR, "#narratives .evidence-list li") or "None found" in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, "#actors .tag")
    removed = browser.find_elements(By.CSS_SELECTOR, "details.removed")
    if removed:
        assert removed[0].get_attribute("open") is None  # boilerplate collapsed
    browser.save_screenshot(str(shots / "dashboard-article.png"))


def test_script_in_an_article_renders_as_text(server, browser, shots):
    from selenium.webdriver.common.by import By

    open_page(browser, server + "/#/article/xss-1")
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.execute_script("return document.querySelectorAll('#view script, #view img, #view b, #view i').length") == 0
    assert XSS in browser.find_element(By.ID, "article-text").text
    assert XSS in browser.find_element(By.ID, "article-title").text
    assert "<i>Mayor</i>" in browser.find_element(By.ID, "quotes").text
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")
    meta = browser.find_element(By.ID, "article-meta").text
    assert meta.startswith("<b>Outlet</b> · 2024-06-03") and "source" not in meta  # no link for a javascript: URL
    go(browser, "#/articles?q=hostile")
    assert XSS in browser.find_element(By.ID, "article-results").text
    assert browser.execute_script("return window.__pwned === undefined")
    browser.save_screenshot(str(shots / "dashboard-xss.png"))


def test_entity_and_claim_pages(server, browser, shots):
    from selenium.webdriver.common.by import By

    open_page(browser, server + "/#/entities")
    assert len(browser.find_elements(By.CSS_SELECTOR, "table tbody tr")) == 9  # 7 synthetic + Kharkiv, Reuters
    go(browser, "#/entity/NATO")
    assert browser.find_element(By.TAG_NAME, "h1").text == "NATO"
    assert browser.find_elements(By.CSS_SELECTOR, ".tag.role-Antagonist")
    go(browser, "#/claims")
    first = browser.find_element(By.CSS_SELECTOR, "table tbody tr a")
    claim_text = first.text
    first.click()
    wait_ready(browser)
    assert claim_text in browser.find_element(By.CSS_SELECTOR, "blockquote").text
    assert len(browser.find_elements(By.CSS_SELECTOR, "table tbody tr")) >= 2
    browser.save_screenshot(str(shots / "dashboard-claim.png"))
    go(browser, "#/speakers")
    assert "Named and anonymous sourcing per outlet" in browser.page_source


def test_no_stray_text_nodes(server, browser):
    # Absent parts (no duplicate, no name matches) must not leave "null"/"undefined" on the page.
    for page in ("/#/article/synthetic-000003", "/#/articles?q=hostile", "/"):
        open_page(browser, server + page)
        text = browser.find_element("id", "view").text
        assert "null" not in text.split() and "undefined" not in text.split(), page


def test_api_docs_render_offline(server, browser, shots):
    """/docs (Swagger UI) and /redoc draw the API from the vendored assets under the page's policy."""
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/docs")
    WebDriverWait(browser, 60).until(lambda d: d.execute_script("return document.querySelectorAll('.opblock').length") >= 15)
    assert "/api/articles" in browser.page_source and browser.execute_script("return typeof SwaggerUIBundle") == "function"
    browser.save_screenshot(str(shots / "api-docs.png"))
    browser.get(server + "/redoc")
    WebDriverWait(browser, 60).until(lambda d: d.execute_script(
        "return document.querySelectorAll('[data-section-id^=\"tag/\"], [data-section-id^=\"operation/\"]').length") >= 10)
    browser.save_screenshot(str(shots / "api-redoc.png"))
