"""Sealing values that must be kept for a while but never stored in clear (SMS phone numbers).

An SMS reply waiting in the outbox needs the patient's number to be delivered after a retry or
a restart. It is stored sealed (Fernet: AES-128-CBC + HMAC-SHA256) under a key derived from the
deployment's RADIX_SENDER_HASH_KEY, and erased once the message is sent or given up.
"""
from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken


class SealError(ValueError):
    pass


class Sealer:
    def __init__(self, secret: str, purpose: str):
        if not secret:
            raise SealError("no key: refusing to store a sealed value")
        derived = hmac.new(secret.encode("utf-8"), f"radix-seal:{purpose}".encode(),
                           hashlib.sha256).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(derived))

    def seal(self, value: str) -> str:
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError, AttributeError) as error:
            raise SealError("sealed value cannot be opened with this key") from error
