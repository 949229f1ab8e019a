"""The domain of district casework: codes, records, rules. Pure Python: no Qt, SQL or HTTP."""
