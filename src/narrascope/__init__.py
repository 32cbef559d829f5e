"""narrascope: who claims what about the Russia-Ukraine war, on what sourcing, serving which narratives."""
from .doc import Article, Entity, Explanation, Label, Quote, Removal, Span

__version__ = "0.1.0"
__all__ = ["Article", "Entity", "Explanation", "Label", "Quote", "Removal", "Span", "__version__"]
