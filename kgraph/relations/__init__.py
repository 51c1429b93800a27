"""Relations between actors: trigger lexicons, argument rules, attribution and modality."""
