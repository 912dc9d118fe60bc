"""Local fakes of the Slack Web API and the Twilio REST API that record what Radix sends.

Each is a small threaded HTTP server on 127.0.0.1 (a free port), started by a session
fixture in tests/conftest.py before the Rasa server, whose env points the clients here.
Tests read `calls` and wait with `wait_for(predicate)`: Radix answers in the background.
"""
from __future__ import annotations

import base64
import itertools
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional


class RecordingApi:
    """A fake API: records each call as a dict; subclasses say what a call looks like."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self._changed = threading.Condition()
        self._server: Optional[ThreadingHTTPServer] = None
        self._thread: Optional[threading.Thread] = None
        self._ts = itertools.count(1)

    # -- subclass hooks -------------------------------------------------------------------
    def handle(self, method: str, path: str, headers: dict, body: bytes) -> tuple[int, dict]:
        raise NotImplementedError

    # -- recording --------------------------------------------------------------------------
    def record(self, call: dict) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def wait_for(self, predicate: Callable[[list[dict]], bool], timeout: float = 60.0) -> list[dict]:
        """The calls once `predicate(calls)` holds; AssertionError with the calls on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(self.calls):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"fake API: condition not met in {timeout:.0f}s; "
                                         f"calls: {json.dumps(self.calls, indent=1)[:3000]}")
                self._changed.wait(left)
            return list(self.calls)

    def settle(self, quiet: float = 1.5, timeout: float = 30.0) -> list[dict]:
        """The calls once none has arrived for `quiet` seconds (to assert nothing MORE came)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            count = len(self.calls)
            while time.monotonic() < deadline:
                self._changed.wait(quiet)
                if len(self.calls) == count:
                    break
                count = len(self.calls)
            return list(self.calls)

    def next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    # -- server -----------------------------------------------------------------------------
    def start(self) -> "RecordingApi":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, payload = fake.handle(method, self.path, dict(self.headers), body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                self._serve("POST")

            def do_GET(self) -> None:
                self._serve("GET")

            def log_message(self, *_args) -> None:  # keep pytest output clean
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()


class FakeSlackApi(RecordingApi):
    """chat.postMessage and chat.update: records {method, token, channel, thread_ts, text, blocks}."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    def handle(self, method, path, headers, body):
        api_method = urllib.parse.urlparse(path).path.rsplit("/", 1)[-1]
        auth = headers.get("Authorization") or headers.get("authorization") or ""
        content_type = headers.get("Content-Type") or headers.get("content-type") or ""
        if content_type.startswith("application/json"):
            args = json.loads(body or b"{}")
        else:
            args = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
            if isinstance(args.get("blocks"), str):
                args["blocks"] = json.loads(args["blocks"])
        if auth != f"Bearer {self.token}":
            return 200, {"ok": False, "error": "invalid_auth"}
        if api_method not in ("chat.postMessage", "chat.update"):
            return 200, {"ok": False, "error": "unknown_method"}
        ts = args.get("ts") or self.next_ts()
        self.record({"method": api_method, "channel": args.get("channel"),
                     "thread_ts": args.get("thread_ts"), "ts": ts, "text": args.get("text"),
                     "blocks": args.get("blocks"), "args": args})
        return 200, {"ok": True, "channel": args.get("channel"), "ts": ts,
                     "message": {"text": args.get("text"), "ts": ts}}

    def posts(self, channel: Optional[str] = None, thread_ts: Optional[str] = None) -> list[dict]:
        return [c for c in self.calls if c["method"] == "chat.postMessage"
                and (channel is None or c["channel"] == channel)
                and (thread_ts is None or c["thread_ts"] == thread_ts)]


class FakeTwilioApi(RecordingApi):
    """POST /2010-04-01/Accounts/{sid}/Messages.json: records {to, from, body} (basic auth checked)."""

    def __init__(self, account_sid: str, auth_token: str) -> None:
        super().__init__()
        self.account_sid = account_sid
        self.auth_token = auth_token
        self._sid = itertools.count(1)

    def handle(self, method, path, headers, body):
        expected = "Basic " + base64.b64encode(
            f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if (headers.get("Authorization") or headers.get("authorization")) != expected:
            return 401, {"code": 20003, "message": "Authenticate", "status": 401}
        if method != "POST" or urllib.parse.urlparse(path).path != \
                f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            return 404, {"code": 20404, "message": "Not found", "status": 404}
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8")).items()}
        sid = f"SM{next(self._sid):032d}"
        self.record({"to": form.get("To"), "from": form.get("From"), "body": form.get("Body", ""),
                     "sid": sid})
        return 201, {"sid": sid, "account_sid": self.account_sid, "to": form.get("To"),
                     "from": form.get("From"), "body": form.get("Body"), "status": "queued",
                     "num_segments": "1", "direction": "outbound-api"}

    def to(self, number: str) -> list[str]:
        """The bodies sent to one number, in order."""
        return [c["body"] for c in self.calls if c["to"] == number]
