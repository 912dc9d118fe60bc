"""Local fakes of the Slack Web API and the Twilio REST API that record what Radix sends.

Each is a small threaded HTTP server on 127.0.0.1 (a free port), started by a session
fixture in tests/conftest.py before the Rasa server, whose env points the clients here.
Tests read `calls` and wait with `wait_for(predicate)`: Radix answers in the background.
`fail_next(n, status)` makes the next n calls fail (recorded in `failures`), to test retries.

ActionProxy sits between the Rasa server and the action server and can hold calls (a hung
action server), refuse connections (a dead one) or pass them through.
"""
from __future__ import annotations

import base64
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional


class RecordingApi:
    """A fake API: records each call as a dict; subclasses say what a call looks like."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.failures: list[dict] = []
        self._failing: list[tuple[int, dict]] = []
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

    def fail_next(self, count: int, status: int, payload: Optional[dict] = None,
                  headers: Optional[dict] = None) -> None:
        """The next `count` calls get `status` (and `payload`) instead of being handled."""
        with self._changed:
            self._failing += [(status, {"payload": payload or {"ok": False, "error": "fake"},
                                        "headers": headers or {}})] * count

    def _failure(self, path: str, body: bytes) -> Optional[tuple[int, dict, dict]]:
        with self._changed:
            if not self._failing:
                return None
            status, how = self._failing.pop(0)
            self.failures.append({"status": status, "path": path, "body": body.decode("utf-8", "replace")})
            self._changed.notify_all()
            return status, how["payload"], how["headers"]

    def wait_failures(self, count: int, timeout: float = 60.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.failures) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"fake API: {count} failures expected, got {self.failures}")
                self._changed.wait(left)
            return list(self.failures)

    def next_ts(self) -> str:
        return f"{int(time.time())}.{next(self._ts):06d}"

    # -- server -----------------------------------------------------------------------------
    def start(self) -> "RecordingApi":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                failure = fake._failure(self.path, body)
                extra = {}
                if failure:
                    status, payload, extra = failure
                else:
                    status, payload = fake.handle(method, self.path, dict(self.headers), body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in extra.items():
                    self.send_header(name, value)
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


class ActionProxy:
    """Forwards the Rasa server's action calls to the real action server, or doesn't.

    mode "pass": forward; "hold": keep each call waiting (a hung action server) until the mode
    changes, then forward it; "down": the port refuses connections (a dead action server).
    `held` counts calls that arrived while holding; `forwarded` those passed on.
    """

    def __init__(self, target: str) -> None:
        self.target = target.rstrip("/")
        self.mode = "pass"
        self.held = 0
        self.forwarded = 0
        self._changed = threading.Condition()
        self._server: Optional[ThreadingHTTPServer] = None
        self._port = 0

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy._changed:
                    if proxy.mode == "hold":
                        proxy.held += 1
                        proxy._changed.notify_all()
                        proxy._changed.wait_for(lambda: proxy.mode != "hold", timeout=120)
                status, data = proxy._forward(self.path, body, dict(self.headers))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the caller gave up (its timeout) while the call was held
                    pass

            def log_message(self, *_args) -> None:
                pass

        return Handler

    def _forward(self, path: str, body: bytes, headers: dict) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.target + path, data=body, method="POST",
            headers={"Content-Type": headers.get("Content-Type", "application/json")})
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                status, data = reply.status, reply.read()
        except urllib.error.HTTPError as error:
            status, data = error.code, error.read()
        with self._changed:
            self.forwarded += 1
            self._changed.notify_all()
        return status, data

    def start(self) -> "ActionProxy":
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), self._handler())
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}/webhook"

    def set_mode(self, mode: str) -> None:
        assert mode in ("pass", "hold", "down"), mode
        if mode == "down" and self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self._changed:
            self.mode = mode
            self._changed.notify_all()
        if mode != "down" and self._server is None:
            self.start()  # the same port again

    def wait_held(self, count: int, timeout: float = 60.0) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: self.held >= count, timeout=timeout):
                raise AssertionError(f"no action call was held ({self.held} < {count})")

    def stop(self) -> None:
        self.set_mode("pass")
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
