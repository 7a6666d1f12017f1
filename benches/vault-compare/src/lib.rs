//! Holds only a benchmark.
