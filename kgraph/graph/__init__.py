"""Statements to RDF: the kg: vocabulary, relation metadata and graph building."""
