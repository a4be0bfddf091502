"""End to end: the review page of a seed document in headless Chromium.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe:
JSON messages separated by NUL bytes on file descriptors 3 and 4), so the test
needs no Python package beyond the standard library. It checks the DOM (one
highlight per record with the right text), that clicking a table row scrolls
its highlight into view inside the document pane, that the page makes no
network request, and writes screenshots to dev/screenshots/. It runs at a laptop's width (1366
pixels) and at a phone's (390 pixels, emulated as a touch screen), where nothing may go off-screen.
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

import govreport

from govreport.document import load
from govreport.evaluate import load_gold, score
from govreport.html_review import render_page
from govreport.models import Record

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "002_c53812b20cb9ab4e.txt"
SHOTS = ROOT / "dev" / "screenshots"
CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium", shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p and os.path.exists(p)), None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install -y chromium); the browser test needs it")


NEXT_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


class Chromium:
    """Headless Chromium with a minimal DevTools-protocol client on a pipe."""

    def __init__(self, tmp: Path):
        self.profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=tmp))
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        self.log = open(tmp / "chromium.log", "wb")
        # Chromium reads commands on fd 3 and writes replies on fd 4; bash (not dash: fds above 9) moves the pipe ends there.
        self.proc = subprocess.Popen(
            ["bash", "-c", f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w}', CHROMIUM,
             "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--mute-audio", "--hide-scrollbars",
             f"--user-data-dir={self.profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            pass_fds=(to_chrome_r, from_chrome_w))
        for fd in (to_chrome_r, from_chrome_w):
            os.close(fd)
        self.w, self.r = to_chrome_w, from_chrome_r
        self.buf = b""
        self.next_id = 0
        self.events: list[dict] = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.w, self.r):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message from chromium")
            ready, _, _ = select.select([self.r], [], [], left)
            if ready:
                chunk = os.read(self.r, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session=True, timeout: float = 30) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            e = self._read_message(deadline)
            if e.get("method") == method:
                return e
            self.events.append(e)

    def open_page(self, width: int, height: int, mobile: bool = False):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable")
        # mobile: a phone's viewport, which widens to fit a page that overflows sideways
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        if mobile:
            self.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})

    def navigate(self, url: str):
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float):
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path: Path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = Chromium(tmp_path_factory.mktemp("chromium"))
    try:
        b.open_page(1366, 800)
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    """The page a user gets from `govreport review seeds/002_….txt -o review.html`."""
    doc = load(SEED)
    records = list(govreport.extract(doc))
    assert records, "extraction found nothing in the seed"
    page = tmp_path_factory.mktemp("review") / "review.html"
    page.write_text(render_page(doc, records), encoding="utf-8")
    return doc, records, page


def test_every_record_has_one_highlight_and_rows_scroll_to_it(browser, seed_page):
    doc, records, page = seed_page
    browser.navigate(page.as_uri())

    expected = [{"id": f"r-{i}", "text": doc.text[r.start:r.end], "kind": r.kind, "indicator": r.indicator}
                for i, r in enumerate(records)]
    problems = browser.js(f"""(() => {{
        const out = [];
        for (const e of {json.dumps(expected, ensure_ascii=False)}) {{
            const found = document.querySelectorAll('[id="' + e.id + '"]');
            if (found.length !== 1) {{ out.push(e.id + ': ' + found.length + ' elements'); continue; }}
            const m = found[0];
            if (m.tagName !== 'MARK') out.push(e.id + ': a ' + m.tagName);
            if (m.textContent !== e.text) out.push(e.id + ': text ' + m.textContent + ' != ' + e.text);
            if (m.dataset.kind !== e.kind || m.dataset.indicator !== e.indicator) out.push(e.id + ': data');
            if (!m.closest('#doc-pane')) out.push(e.id + ': not in the document pane');
        }}
        const marks = document.querySelectorAll('#doc-text mark.rec').length;
        if (marks !== {len(records)}) out.push('marks in the document: ' + marks);
        if (document.getElementById('doc-text').textContent !== {json.dumps(doc.text, ensure_ascii=False)})
            out.push('document text changed');
        return out;
    }})()""")
    assert problems == []
    assert browser.js("document.querySelectorAll('#records tbody tr.row').length") == len(records)

    # the page is two scrolling panes side by side, not one long page; the records are a real table
    assert browser.js("document.scrollingElement.scrollHeight <= window.innerHeight + 1")
    assert browser.js("""(() => { const d = document.getElementById('doc-pane').getBoundingClientRect(),
                                         t = document.querySelector('.table-pane').getBoundingClientRect();
                                   return t.left >= d.right - 1 && Math.abs(t.top - d.top) < 1; })()""")
    assert browser.js("getComputedStyle(document.querySelector('#records tbody tr.row')).display") == "table-row"
    browser.screenshot(SHOTS / "review.png")

    # click rows far down, in the middle and at the top of the document
    for i in (len(records) - 1, len(records) // 2, 0, len(records) - 5):
        ref = f"r-{i}"
        # scroll the document away from the highlight, so the click has to bring it back
        far = "0" if i >= len(records) // 2 else "1e9"
        before = browser.js(f"""(() => {{
            const paneEl = document.getElementById('doc-pane');
            paneEl.scrollTop = {far};
            const pane = paneEl.getBoundingClientRect();
            const m = document.getElementById('{ref}').getBoundingClientRect();
            const row = document.querySelector('tr[data-ref="{ref}"]');
            row.scrollIntoView({{block: 'center'}});
            const r = row.getBoundingClientRect();
            return {{inside: m.top >= pane.top && m.bottom <= pane.bottom, x: r.left + 40, y: r.top + r.height / 2}};
        }})()""")
        assert not before["inside"], ref
        browser.click(before["x"], before["y"])
        after = browser.js(f"""(() => {{
            const pane = document.getElementById('doc-pane').getBoundingClientRect();
            const m = document.getElementById('{ref}').getBoundingClientRect();
            return {{top: m.top, bottom: m.bottom, paneTop: pane.top, paneBottom: pane.bottom,
                     left: m.left, paneLeft: pane.left, paneRight: pane.right,
                     flashed: document.getElementById('{ref}').classList.contains('flash'),
                     selected: document.querySelector('tr[data-ref="{ref}"]').classList.contains('selected')}};
        }})()""")
        assert after["paneTop"] <= after["top"] and after["bottom"] <= after["paneBottom"], (ref, after)
        assert after["paneLeft"] <= after["left"] <= after["paneRight"], (ref, after)
        assert after["flashed"] and after["selected"]
    browser.screenshot(SHOTS / "review-after-click.png")

    # no request left the page: everything is inline
    urls = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
    assert all(u.startswith(("file:", "data:", "about:")) for u in urls), urls
    errors = [e for e in browser.events if e.get("method") == "Runtime.exceptionThrown"]
    assert errors == []


def test_hover_and_focus_show_the_record(browser, seed_page):
    doc, records, page = seed_page
    browser.navigate(page.as_uri())
    i = next(i for i, r in enumerate(records) if r.unit == "亿元")
    rec = records[i]
    browser.js(f"document.getElementById('r-{i}').scrollIntoView({{block: 'center'}})")
    browser.js(NEXT_FRAMES)  # the pane's scroll event (which hides tooltips) comes a frame later
    box = browser.js(f"(() => {{ const r = document.getElementById('r-{i}').getBoundingClientRect();"
                     " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()")
    browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": box["x"], "y": box["y"]})
    tip = browser.js("(() => { const t = document.getElementById('tip');"
                     " return {hidden: t.hidden, text: t.textContent}; })()")
    assert not tip["hidden"]
    assert rec.indicator in tip["text"] and rec.unit in tip["text"] and rec.kind in tip["text"]
    assert rec.base_unit == "元" and "元" in tip["text"]
    browser.screenshot(SHOTS / "review-tooltip.png")
    browser.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": 5, "y": 5})
    assert browser.js("document.getElementById('tip').hidden")

    # keyboard: focusing a highlight shows the same tooltip
    browser.js(f"document.getElementById('r-{i + 1}').focus()")
    assert browser.js("!document.getElementById('tip').hidden")
    assert records[i + 1].indicator in browser.js("document.getElementById('tip').textContent")


def test_sort_and_filter(browser, seed_page):
    doc, records, page = seed_page
    browser.navigate(page.as_uri())
    years = browser.js("""(() => {
        const th = [...document.querySelectorAll('#records th')].find(t => t.textContent.trim() === 'year');
        th.click();
        const up = [...document.querySelectorAll('#records tbody tr.row')].map(r => r.dataset.year);
        th.click();
        const down = [...document.querySelectorAll('#records tbody tr.row')].map(r => r.dataset.year);
        return {up, down, sort: th.getAttribute('aria-sort')};
    })()""")
    assert years["up"] == sorted(years["up"]) and years["down"] == sorted(years["down"], reverse=True)
    assert years["sort"] == "descending"

    targets = sum(r.kind == "target" for r in records)
    shown = browser.js("""(() => {
        const k = document.getElementById('f-kind');
        k.value = 'target'; k.dispatchEvent(new Event('change'));
        const rows = [...document.querySelectorAll('#records tbody tr.row')].filter(r => !r.hidden);
        return {n: rows.length, kinds: [...new Set(rows.map(r => r.dataset.kind))],
                dim: document.querySelectorAll('mark.rec.dim').length};
    })()""")
    assert shown == {"n": targets, "kinds": ["target"], "dim": len(records) - targets}

    word = records[0].indicator
    n = browser.js(f"""(() => {{
        document.getElementById('f-kind').value = '';
        const t = document.getElementById('f-text');
        t.value = {json.dumps(word, ensure_ascii=False)}; t.dispatchEvent(new Event('input'));
        return [...document.querySelectorAll('#records tbody tr.row')].filter(r => !r.hidden).length;
    }})()""")
    assert n == sum(word in r.indicator or word in r.number for r in records)


def test_print_layout_puts_the_table_below_the_document(browser, seed_page):
    doc, records, page = seed_page
    browser.navigate(page.as_uri())
    browser.send("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        layout = browser.js("""(() => {
            const d = document.getElementById('doc-pane'), t = document.getElementById('records');
            return {docBottom: d.getBoundingClientRect().bottom, tableTop: t.getBoundingClientRect().top,
                    overflow: getComputedStyle(d).overflowY, head: getComputedStyle(t.tHead.rows[0].cells[0]).position,
                    filters: getComputedStyle(document.querySelector('.filters')).display};
        })()""")
    finally:
        browser.send("Emulation.setEmulatedMedia", {"media": ""})
    assert layout["tableTop"] >= layout["docBottom"]
    assert layout["overflow"] == "visible" and layout["head"] == "static" and layout["filters"] == "none"
    pdf = browser.send("Page.printToPDF", {"printBackground": True}, timeout=60)["data"]
    assert base64.b64decode(pdf)[:5] == b"%PDF-"


def test_gold_view_in_the_browser(browser, seed_page, tmp_path):
    """Extraction against the seed's gold: what someone building gold sees, with the same counts as score()."""
    doc, records, _ = seed_page
    gold = [g for g in load_gold(sorted((ROOT / "tests" / "gold").glob("*.jsonl")), ROOT / "seeds")
            if g["doc"] == doc.name]
    # drop some records and add a wrong one, so misses and spurious records show whatever extraction does
    records = [r for i, r in enumerate(records) if i % 9 != 4]
    year = doc.text.index("2023年")
    records.append(Record(doc=doc.name, start=year, end=year + 4, number="2023", indicator="年份", value=2023,
                          unit="", kind="actual", rule="test: a year is not an indicator"))
    expected = score(records, gold)
    assert expected.missed and expected.spurious
    page = tmp_path / "gold.html"
    page.write_text(render_page(doc, records, gold), encoding="utf-8")
    browser.navigate(page.as_uri())
    counts = browser.js("""({
        missed: document.querySelectorAll('#doc-text mark.missed').length
                + document.querySelectorAll('#records tr.missed.unplaced').length,
        missedRows: document.querySelectorAll('#records tr.row.missed').length,
        spurious: document.querySelectorAll('#doc-text mark.rec.spurious').length,
        headerMissed: +document.querySelector('.n-missed').textContent,
        headerSpurious: +document.querySelector('.n-spurious').textContent,
        records: document.querySelectorAll('#doc-text mark.rec').length})""")
    assert counts == {"missed": len(expected.missed), "missedRows": len(expected.missed),
                      "spurious": len(expected.spurious), "headerMissed": len(expected.missed),
                      "headerSpurious": len(expected.spurious), "records": len(records)}
    # a missed number is a highlight too: the row of one scrolls to it
    if expected.missed:
        browser.js("""(() => { const r = document.querySelector('#records tr.row.missed:not(.unplaced)');
                               r.scrollIntoView({block: 'center'}); r.click(); })()""")
        browser.js(NEXT_FRAMES)
    browser.screenshot(SHOTS / "review-gold.png")


# ---------------------------------------------------------------- a phone's width

PHONE = (390, 844)


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    b = Chromium(tmp_path_factory.mktemp("chromium-phone"))
    try:
        b.open_page(*PHONE, mobile=True)
        yield b
    finally:
        b.close()


OFF_SCREEN = """(() => {
    const width = window.innerWidth, out = [];
    const scroller = document.scrollingElement;
    if (scroller.scrollWidth > width) out.push('page is ' + scroller.scrollWidth + ' px wide');
    for (const box of document.querySelectorAll('.table-scroll, .doc-pane, .filters, header.top')) {
        const r = box.getBoundingClientRect();
        if (r.left < -0.5 || r.right > width + 0.5) out.push(box.className + ' spans ' + r.left + '..' + r.right);
        if (box.scrollWidth > box.clientWidth + 1) out.push(box.className + ' scrolls sideways');
    }
    for (const row of document.querySelectorAll('#records tbody tr.row')) {
        for (const cell of row.cells) {
            const r = cell.getBoundingClientRect();
            if (r.width === 0 || r.left < -0.5 || r.right > width + 0.5)
                out.push('row ' + row.cells[0].textContent + ' cell ' + cell.cellIndex + ' at ' + r.left + '..' + r.right);
        }
    }
    return out;
})()"""


def test_phone_width_keeps_every_field_on_screen(phone, seed_page):
    doc, records, page = seed_page
    phone.navigate(page.as_uri())
    assert phone.js("window.innerWidth") == PHONE[0]
    assert phone.js(OFF_SCREEN) == []
    # the document and the records are both on the first screen, one above the other
    panes = phone.js("""(() => { const d = document.getElementById('doc-pane').getBoundingClientRect(),
                                        t = document.querySelector('.table-pane').getBoundingClientRect();
                                  return {docTop: d.top, docBottom: d.bottom, tableTop: t.top, tableBottom: t.bottom,
                                          height: window.innerHeight}; })()""")
    assert panes["docBottom"] <= panes["tableTop"] + 1 and panes["tableBottom"] <= panes["height"] + 1
    assert panes["docBottom"] - panes["docTop"] > 200 and panes["tableBottom"] - panes["tableTop"] > 200
    # each card shows its record's fields as text: year, region and rule included
    cards = phone.js("""[...document.querySelectorAll('#records tbody tr.row')].slice(0, 40).map(r =>
        [...r.cells].map(c => c.textContent.trim()))""")
    for rec, cells in zip(records, cards):
        assert cells[1] == rec.indicator and cells[3] == rec.kind
        assert cells[4] == ("" if rec.year is None else str(rec.year)) and cells[5] == (rec.region or "")
        assert cells[6] == rec.rule
    phone.screenshot(SHOTS / "review-phone.png")

    # tapping a card far down brings its figure into the document pane
    i = len(records) - 3
    ref = f"r-{i}"
    where = phone.js(f"""(() => {{
        document.getElementById('doc-pane').scrollTop = 0;
        const row = document.querySelector('tr[data-ref="{ref}"]');
        row.scrollIntoView({{block: 'center'}});
        const r = row.getBoundingClientRect();
        return {{x: r.left + 60, y: r.top + r.height / 2}};
    }})()""")
    phone.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [where]})
    phone.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    phone.js(NEXT_FRAMES)
    after = phone.js(f"""(() => {{
        const pane = document.getElementById('doc-pane').getBoundingClientRect();
        const m = document.getElementById('{ref}').getBoundingClientRect();
        return {{inside: pane.top <= m.top && m.bottom <= pane.bottom && pane.left <= m.left && m.right <= pane.right,
                 selected: document.querySelector('tr[data-ref="{ref}"]').classList.contains('selected')}};
    }})()""")
    assert after == {"inside": True, "selected": True}
    assert phone.js(OFF_SCREEN) == []
    phone.screenshot(SHOTS / "review-phone-after-tap.png")


def test_phone_width_gold_view_and_index(phone, seed_page, tmp_path):
    from govreport.html_review import write_review

    doc, records, _ = seed_page
    gold_files = sorted((ROOT / "tests" / "gold").glob("*.jsonl"))
    written = write_review([ROOT / "seeds"], tmp_path / "review", gold_paths=gold_files)
    page = next(p for p in written if p.stem == SEED.stem)
    phone.navigate(page.as_uri())
    assert phone.js(OFF_SCREEN) == []
    assert phone.js("""[document.querySelectorAll('#records tr.row').length,
                        document.querySelectorAll('#records tr.row td.status').length]""") == [len(records)] * 2
    phone.screenshot(SHOTS / "review-phone-gold.png")

    index = tmp_path / "review" / "index.html"
    phone.navigate(index.as_uri())
    # a wide index table scrolls inside its own box; the page itself never scrolls sideways
    box = phone.js("""(() => { const s = document.querySelector('.index-scroll');
                               return {page: document.scrollingElement.scrollWidth, width: window.innerWidth,
                                       right: s.getBoundingClientRect().right, inner: s.scrollWidth}; })()""")
    assert box["page"] <= box["width"] and box["right"] <= box["width"] + 0.5
    assert box["inner"] > box["width"]  # the gold columns do not fit: they scroll
    phone.screenshot(SHOTS / "review-phone-index.png")
