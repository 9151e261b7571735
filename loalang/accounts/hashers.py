"""The hasher for one-time passwords a province administrator hands out in bulk.

A user import creates up to 2,000 accounts in one request, each with a random one-time password
that must be changed at first sign-in. At Django's default PBKDF2 cost (over a million
iterations, about 0.3-0.9 s a hash on a commune's server) the import cannot finish inside a web
request. The slow hash exists to protect passwords people chose; these are 72 random bits from
`secrets`, so 20,000 iterations still leave a guess costing far beyond any attacker, and the
first sign-in re-hashes with the default hasher (Django's must_update) before the forced change
replaces the password anyway.
"""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class OneTimePasswordHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_onetime"
    iterations = 20_000


ONE_TIME_HASHER = OneTimePasswordHasher.algorithm
