"""Signing in through the running server as a person would: the login form's CSRF token, a POST of the
demo password, and, for staff (production requires two-factor authentication), a TOTP code computed
from the secret the bench gave their authenticator app. Also the one gzip request per page."""

import base64
import gzip
import hashlib
import hmac
import http.client
import re
import struct
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(secret: str, at: float | None = None, *, digits: int = 6, period: int = 30) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s), as allauth's authenticator app expects."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // period)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


@dataclass
class Browser:
    """A cookie jar over http.client that follows no redirects (the bench reads each answer)."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 180.0  # a slow page under the queue wrk left behind still answers

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"http://{self.host}:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie_name, _, rest = value.partition("=")
                    self.cookies[cookie_name.strip()] = rest.split(";", 1)[0]
            answer = {k.lower(): v for k, v in response.getheaders() if k.lower() != "set-cookie"}
            return response.status, answer, content
        finally:
            connection.close()

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        """GETs the form for its CSRF token, POSTs it; (status, redirect location path)."""
        status, _headers, content = self.request("GET", path)
        if status != 200:
            raise LoginError(f"GET {path} answered {status}")
        token = _CSRF_INPUT.search(content.decode("utf-8", "replace"))
        if not token:
            raise LoginError(f"no CSRF token in {path}")
        status, headers, _content = self.request("POST", path, {"csrfmiddlewaretoken": token.group(1), **fields})
        return status, urlsplit(headers.get("location", "")).path


class LoginError(RuntimeError):
    pass


def sign_in(host: str, port: int, email: str, password: str, totp_secret: str, language: str = "en") -> Browser:
    """A browser signed in as `email`, past the two-factor step when the server asks for it."""
    browser = Browser(host, port)
    status, location = browser.post_form(f"/{language}/accounts/login/", {"login": email, "password": password})
    if status != 302:
        raise LoginError(f"signing in as {email} answered {status}, not a redirect (wrong password? rate limit?)")
    if "/2fa/authenticate" in location:
        status, location = browser.post_form(location, {"code": totp(totp_secret)})
        if status != 302:
            raise LoginError(f"the two-factor step for {email} answered {status}")
    if "sessionid" not in browser.cookies:
        raise LoginError(f"no session cookie after signing in as {email}")
    return browser


def gzip_size(browser: Browser, path: str) -> tuple[int, int, bool]:
    """(status, body bytes as sent, whether the server compressed it) for one request asking for gzip;
    an uncompressed answer is what a phone downloads, so its length is reported as is."""
    status, headers, content = browser.request("GET", path, headers={"Accept-Encoding": "gzip"})
    compressed = headers.get("content-encoding", "") == "gzip"
    if compressed:
        gzip.decompress(content)  # a broken body would make the count meaningless
    return status, len(content), compressed


def cookie_header(browser: Browser) -> str:
    return "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
