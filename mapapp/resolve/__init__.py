"""Resolution: which place each matched name stands for, if any.

The one public entry is `Resolver` (match -> resolve -> zones). Inside, one job a module:

- resolver.py: the two passes over an article's matches, and the Mention each choice makes;
- guards.py: drop matches that are not places (people, organisations, buildings, common words);
- cues.py: who or what a name names, from the words next to it;
- people.py: surnames the article uses for a person, across the whole article;
- organisations.py: institution and airline names built on a place name;
- text.py: the words around a match, word frequency, first names;
- containment.py: "Rafah, in southern Gaza", "Tacoma, Washington", "the mayor of Gaza";
- scoring.py: what a place is worth by itself (layer, kind, size, own name);
- context.py: the article's geography after the first pass;
- literal.py: the place itself, or a stand-in for its government or people;
- confidence.py: the chance a mention is a place at all, times the chance it is this one.
"""
from mapapp.resolve.resolver import Resolver

__all__ = ["Resolver"]
