"""The client's encrypted local store and its queries (issue 3).

Modules:
- ``keys``: the random cache key, wrapped by the user's password (argon2id + AES-GCM), and the
  slow-down after wrong passwords (``create_key_file``, ``unlock_key_file``, ``change_password``).
- ``connection``: SQLCipher connections with the raw key, as a SQLAlchemy engine.
- ``schema`` / ``migrations``: the tables, the versions (``PRAGMA user_version``), backup
  before migrating, refusal of a newer cache (``CacheTooNew``).
- ``store``: ``CacheStore`` — open, ``apply_page`` (one page, one transaction), ``reset``,
  ``drop_kind``, ``holdings``, ``pending_changes``, ``meta``, ``ensure_indexes``.
- ``ingest`` / ``search_index``: what is stored and indexed for each record.
- ``search``: ``search_people``; ``household_view``: ``household_view``,
  ``rental_housing_view``, ``enterprise_view``; ``views``: the dataclasses they return.

Beyond the team's contract: ``apply_page`` returns ``AppliedPage(upserted, removed)``; an
initial sync into an empty cache defers the search index until ``ensure_indexes`` (which
every query calls first); ``unlock_key_file(..., wait=False)`` raises ``TooManyAttempts``
instead of sleeping while throttled.
"""
