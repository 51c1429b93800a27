"""Open a kgraph HTML page in headless Chromium and report what it did.

A helper for the browser tests (``@pytest.mark.browser``), not a test module.
Driver set-up follows shared/ENVIRONMENT.md: Debian's chromium and chromedriver,
an explicit Service (so Selenium Manager never goes to the network).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from selenium.webdriver import Chrome

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,800",
)
#: URL schemes that stay on this machine; anything else counts as an external request.
LOCAL_SCHEMES = ("file", "data", "blob", "about")

# Installed before any script of the page runs: dialogs are recorded instead of shown,
# so an alert fired while the page loads can neither block the driver nor go unseen.
_DIALOG_RECORDER = """
(function () {
  if (window.__kgraphDialogs) { return; }
  window.__kgraphDialogs = [];
  ["alert", "confirm", "prompt"].forEach(function (name) {
    window[name] = function (message) {
      window.__kgraphDialogs.push(name + ": " + String(message));
      return name === "confirm" ? false : null;
    };
  });
})();
"""

_DRAWN = """
var network = window.network;
var canvas = document.querySelector("#network canvas") || document.querySelector("canvas");
return Boolean(network && network.body && canvas && canvas.width > 0 && canvas.height > 0);
"""

_AWAIT_DRAWING = """
window.__kgraphDrawn = false;
window.network.once("afterDrawing", function () { window.__kgraphDrawn = true; });
window.network.redraw();
"""

_COUNTS = """
var body = window.network.body;
return {
  nodes: body.nodeIndices.length,
  edges: body.edgeIndices.length,
  dialogs: window.__kgraphDialogs || [],
  title: document.title
};
"""


@dataclass
class PageReport:
    """What a page did in the browser."""

    nodes_drawn: int
    edges_drawn: int
    console_errors: list[str]
    external_requests: list[str]
    alerts: list[str]
    title: str = ""


def chromium_driver() -> Chrome:
    """A headless Chromium driver whose console and network logs can be read."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in CHROMIUM_ARGS:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # Leave a real dialog open so inspect_page can read it, rather than dismissing it unseen.
    options.unhandled_prompt_behavior = "ignore"
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def _open_dialogs(driver: Chrome) -> list[str]:
    """Texts of the native dialogs open right now, accepting each."""
    from selenium.common.exceptions import NoAlertPresentException

    texts = []
    for _ in range(20):  # a page could open dialogs in a loop: stop somewhere
        try:
            dialog = driver.switch_to.alert
            texts.append(f"alert: {dialog.text}")
            dialog.accept()
        except NoAlertPresentException:
            break
    return texts


def _external_requests(performance_log: list[dict]) -> list[str]:
    urls = []
    for entry in performance_log:
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        url = message["params"]["request"]["url"]
        scheme = urlsplit(url).scheme.lower()
        if scheme not in LOCAL_SCHEMES and not scheme.startswith("chrome"):
            urls.append(url)
    return urls


def inspect_page(driver: Chrome, path: Path, *, timeout: float = 15) -> PageReport:
    """Open ``path``, wait until vis-network has drawn it, and report what happened."""
    from selenium.common.exceptions import UnexpectedAlertPresentException
    from selenium.webdriver.support.ui import WebDriverWait

    if not getattr(driver, "_kgraph_dialog_recorder", False):
        driver.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": _DIALOG_RECORDER}
        )
        driver._kgraph_dialog_recorder = True
    # Empty the logs, so the report holds this page's entries only.
    driver.get_log("browser")
    driver.get_log("performance")

    alerts: list[str] = []
    try:
        driver.get(Path(path).resolve().as_uri())
    except UnexpectedAlertPresentException as error:
        alerts.append(f"alert: {error.alert_text}")
    alerts += _open_dialogs(driver)

    deadline = time.monotonic() + timeout
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(_DRAWN))
    driver.execute_script(_AWAIT_DRAWING)
    WebDriverWait(driver, max(deadline - time.monotonic(), 1)).until(
        lambda d: d.execute_script("return window.__kgraphDrawn === true")
    )
    alerts += _open_dialogs(driver)
    counts = driver.execute_script(_COUNTS)
    alerts += counts["dialogs"]

    console_errors = [
        entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
    ]
    return PageReport(
        nodes_drawn=int(counts["nodes"]),
        edges_drawn=int(counts["edges"]),
        console_errors=console_errors,
        external_requests=_external_requests(driver.get_log("performance")),
        alerts=alerts,
        title=counts["title"],
    )
