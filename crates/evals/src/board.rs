//! Another leaderboard as read (LMArena's text or code board, or any `model,score[,ci]` table): its
//! entries and where they came from. Read by reweigh-data; matched and compared with AA's ranking in
//! reweigh-composite's `boards`.

/// The most entries a board may have.
pub const MAX_ENTRIES: usize = 100_000;

/// One model on another board.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub score: f64,
    /// Half-width of the board's 95% interval, in the board's units.
    pub ci: Option<f64>,
    /// The board's own published rank.
    pub rank: Option<usize>,
    pub votes: Option<f64>,
}

/// Another leaderboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// `arena text`, or the file name for a plain CSV.
    pub label: String,
    pub origin: String,
    pub sha256: String,
    pub source_url: Option<String>,
    pub fetched_at: Option<String>,
    pub entries: Vec<Entry>,
}
