"""readouts serve in a real headless Chromium (Debian's chromium + chromium-driver).

The server runs in-process (uvicorn in a thread) on a free port of 127.0.0.1 and is
always shut down. Skipped, with the reason, where the browser is not installed; CI
installs it (.ci/run).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
import uvicorn

from readouts.web.app import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from test_web import build_store

    db = build_store(tmp_path_factory.mktemp("browser") / "web.duckdb")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def heading(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "h1").text


def test_facets_event_evidence_article_and_pair(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/events")
    assert heading(browser) == "3 events"
    browser.find_element(By.CSS_SELECTOR, 'section[data-facet="country"] a[data-value="FRA"]').click()
    assert heading(browser) == "2 events"
    browser.find_element(By.CSS_SELECTOR, 'section[data-facet="type"] a[data-value="meeting"]').click()
    assert heading(browser) == "1 event"
    assert "country=FRA" in browser.current_url and "type=meeting" in browser.current_url

    browser.find_element(By.CSS_SELECTOR, "a.readout").click()
    assert "/events/" in browser.current_url
    marks = browser.find_elements(By.CSS_SELECTOR, ".evidence mark")
    assert any(m.text == "met" and m.is_displayed() for m in marks)
    colour = marks[0].value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    event_url = browser.current_url

    browser.find_element(By.CSS_SELECTOR, "article.source h3 a").click()
    assert browser.current_url.endswith("/articles/a1")
    assert browser.find_elements(By.CSS_SELECTOR, ".evidence mark")

    browser.get(event_url)
    browser.find_element(By.CSS_SELECTOR, "a.pair").click()
    assert browser.current_url.endswith("/pairs/ESP/FRA")
    assert heading(browser).startswith("Spain – France")
    browser.find_element(By.CSS_SELECTOR, "a.total").click()
    assert heading(browser) == "2 events"


def test_an_article_with_a_script_tag_shows_it_as_text(server, browser):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.get(server + "/articles/a2")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    text = browser.find_element(By.CSS_SELECTOR, ".text").text
    assert "<script>alert('boom')</script>" in text
    assert not browser.find_elements(By.CSS_SELECTOR, "main script, main b")
