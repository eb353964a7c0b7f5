//! Chunked streaming encryption: C2SP Cobblestone-256. (in progress)
