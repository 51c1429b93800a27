"""Actors in text: the gazetteer, the recogniser and the resolver."""
