"""The STARL answer analyzer: segmentation, timing, flags, matching and scoring."""
