"""Entity framing: who the actors of an article are and how it casts them.

``entities`` finds actors and merges their mentions, ``features`` turns a
mention's context into model input, ``model`` holds the role classifier
(``narrascope/models/roles``), ``semeval`` reads and writes the official
subtask-1 files, ``scoring`` computes the official figures.
"""
