"""The learned labeller: a gradient-boosted tree model that decides body or not per block."""
