"""Risk engine: the expert scorecard, the learned model, scores with reasons, and the backtest.

``labormap train`` fits the model at a data cut-off; ``labormap score`` publishes a snapshot of every
employer's probability, score, level and reasons (falling back to the scorecard without a model);
``labormap backtest`` compares both on history with a rolling origin.
"""
