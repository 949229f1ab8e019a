"""The district hub: integrated records, scope and masking, the change feed, users and audit."""
