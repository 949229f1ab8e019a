"""The client's encrypted local store and its queries (issue 3).

Modules:
- ``keys``: the random cache key, wrapped by the user's password (argon2id + AES-GCM), and the
  slow-down after wrong passwords (``create_key_file``, ``unlock_key_file``, ``change_password``).
- ``connection``: SQLCipher connections with the raw key, as a SQLAlchemy engine.
- ``schema`` / ``migrations``: the tables, the versions (``PRAGMA user_version``), backup
  before migrating, refusal of a newer cache (``CacheTooNew``).
- ``store``: ``CacheStore`` — open, ``apply_page`` (one page, one transaction), ``reset``,
  ``drop_kind``, ``holdings``, ``recount_holdings``, ``pending_changes``, ``meta``,
  ``ensure_indexes``, ``checkpoint``; ``page_writer``: how a page is written.
- ``ingest`` / ``search_index``: what is stored and indexed for each record.
- ``search``: ``search_people``; ``household_view``: ``household_view``,
  ``rental_housing_view``, ``enterprise_view``; ``views``: the dataclasses they return.

Beyond the team's contract (additions, nothing renamed): ``apply_page`` returns
``AppliedPage(upserted, removed)``; an initial sync into an empty cache defers the search
index and the record table's household and link indexes until ``ensure_indexes`` (the pull
calls it at the end; every query calls it first);
``create_key_file``/``unlock_key_file`` take optional ``KdfParams`` / ``wait``/``sleep``
(``wait=False`` raises ``TooManyAttempts`` instead of sleeping while throttled).
"""
