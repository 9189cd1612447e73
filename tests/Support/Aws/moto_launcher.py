"""Starts moto's server for Tern's tests, with two additions.

1. Signature checks see the path as the client sent it. moto 5.2.1 checks signatures against the decoded path,
   so a request whose path holds a percent-encoded name (a Lambda ARN) never verifies; here the check is given the
   raw path, which botocore's signer encodes once more, as SigV4 canonicalisation does for every service but S3.
2. Fault injection. POST /_faults with {"rules": [...]} makes matching requests fail, wait, or answer a canned body
   a given number of times; GET /_faults shows the rules and their hits; DELETE /_faults clears them. Every other
   request is logged (method, path, target, region); GET /_requests returns the log, DELETE /_requests clears it.

A rule: method, path (a regular expression searched in the decoded path), query (one searched in the raw query
string; "^$" matches a request without one), target (the end of X-Amz-Target),
region (from the credential scope), times (default 1), delayMs, status, code, message, body, contentType,
headers, and after (true: let moto handle the request first, then answer with the fault: "the call happened but
the answer was lost").

Usage: python3 moto_launcher.py HOST PORT
"""

import json
import re
import sys
import threading
import time
from urllib.parse import urlsplit

from moto.iam import access_control
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

_raw_uri = threading.local()
_original_create_aws_request = access_control.IAMRequestBase._create_aws_request


def _create_aws_request_from_raw_uri(self):
    request = _original_create_aws_request(self)
    raw = getattr(_raw_uri, "value", None)
    if raw:
        parts = urlsplit(raw)
        request.url = parts.path + ("?" + parts.query if parts.query else "")
    return request


access_control.IAMRequestBase._create_aws_request = _create_aws_request_from_raw_uri


class FaultInjector:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.dynamodb_lock = threading.Lock()
        self.rules = []
        self.requests = []

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/_faults":
            return self._control_faults(environ, start_response)
        if path == "/_requests":
            return self._control_requests(environ, start_response)
        _raw_uri.value = environ.get("RAW_URI") or environ.get("REQUEST_URI")
        seen = self._describe(environ)
        with self.lock:
            self.requests.append(seen)
            rule = self._take(seen)
        if rule is None:
            return self._serve(environ, start_response)
        if rule.get("delayMs"):
            time.sleep(rule["delayMs"] / 1000.0)
        if "status" not in rule and "body" not in rule:
            return self._serve(environ, start_response)
        if rule.get("after"):
            for _ in self.app(environ, lambda *args, **kwargs: None):
                pass
        return self._answer(rule, start_response)

    def _serve(self, environ, start_response):
        # DynamoDB applies each write to an item atomically; moto's tables have no locks and its server is threaded, so
        # two concurrent updates of one item (a join's marks) could lose one. DynamoDB requests are served one at a time.
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            return self.app(environ, start_response)
        with self.dynamodb_lock:
            return list(self.app(environ, start_response))

    @staticmethod
    def _describe(environ):
        authorization = environ.get("HTTP_AUTHORIZATION", "")
        scope = re.search(r"Credential=[^/]+/[^/]+/([^/]+)/([^/]+)/", authorization)
        return {
            "method": environ.get("REQUEST_METHOD", ""),
            "path": environ.get("PATH_INFO", ""),
            "rawUri": environ.get("RAW_URI") or environ.get("REQUEST_URI") or "",
            "query": environ.get("QUERY_STRING", ""),
            "target": environ.get("HTTP_X_AMZ_TARGET", ""),
            "region": scope.group(1) if scope else "",
            "service": scope.group(2) if scope else "",
        }

    def _take(self, seen):
        for rule in self.rules:
            if rule.get("remaining", 0) <= 0:
                continue
            if rule.get("method") and rule["method"] != seen["method"]:
                continue
            if rule.get("path") and not re.search(rule["path"], seen["path"]):
                continue
            if rule.get("query") is not None and not re.search(rule["query"], seen["query"]):
                continue
            if rule.get("target") and not seen["target"].endswith(rule["target"]):
                continue
            if rule.get("region") and rule["region"] != seen["region"]:
                continue
            rule["remaining"] -= 1
            rule["hits"] = rule.get("hits", 0) + 1
            return dict(rule)
        return None

    @staticmethod
    def _answer(rule, start_response):
        status = int(rule.get("status", 200))
        headers = dict(rule.get("headers") or {})
        if "body" in rule:
            body = rule["body"] if isinstance(rule["body"], str) else json.dumps(rule["body"])
        else:
            body = json.dumps({"__type": rule.get("code", "ServiceException"), "message": rule.get("message", "injected fault")})
            if rule.get("code"):
                headers.setdefault("x-amzn-ErrorType", rule["code"])
        headers.setdefault("Content-Type", rule.get("contentType", "application/json"))
        data = body.encode("utf-8")
        headers["Content-Length"] = str(len(data))
        start_response(f"{status} Injected", list(headers.items()))
        return [data]

    def _control_faults(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        with self.lock:
            if method == "POST":
                payload = json.loads(self._read(environ) or "{}")
                for rule in payload.get("rules", []):
                    rule["remaining"] = int(rule.get("times", 1))
                    rule["hits"] = 0
                    self.rules.append(rule)
            elif method == "DELETE":
                self.rules = []
            body = json.dumps({"rules": self.rules})
        return self._json(start_response, body)

    def _control_requests(self, environ, start_response):
        with self.lock:
            if environ.get("REQUEST_METHOD") == "DELETE":
                self.requests = []
            body = json.dumps({"requests": self.requests})
        return self._json(start_response, body)

    @staticmethod
    def _read(environ):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        return environ["wsgi.input"].read(length).decode("utf-8") if length else ""

    @staticmethod
    def _json(start_response, body):
        data = body.encode("utf-8")
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    app = FaultInjector(DomainDispatcherApplication(create_backend_app))
    run_simple(host, port, app, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
