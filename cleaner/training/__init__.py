"""Training the learned labeller: gold labels per block, features, cross-validation, the model
file. Used by ``cleaner train``; nothing here runs when a page is cleaned."""
