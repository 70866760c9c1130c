//! A look inside an `.xls` file before `calamine` parses it.
//!
//! `calamine` lays every `.xls` sheet out as one dense block spanning its cells, and reserves
//! room for the extent the sheet's DIMENSIONS record declares. A damaged file can place a cell
//! (or declare an extent) billions of cells away, and the allocation then aborts the whole
//! application — an abort that, unlike a panic, cannot be caught. This module finds the
//! `Workbook` stream in the compound file and scans its BIFF records for such extents.
//!
//! `calamine` also copies a shared string into every cell that refers to it: one long
//! string referred to by many cells would take gigabytes. The shared-string table (SST) is
//! read for the length of each string, and the text the cells would hold is added up.
//!
//! It only refuses what it positively understands to be too large: a container it cannot
//! follow is left to `calamine`, which reports its own error.

use super::budget::{Exceeded, MAX_CELLS, MAX_TEXT};

/// The largest extent a sheet may span: the budget's cells (a BIFF8 sheet could hold
/// 65,536 rows × 256 columns, 16 million cells that calamine would lay out densely).
pub(super) const MAX_EXTENT: u64 = MAX_CELLS;

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids from 0xFFFFFFFA up are markers (end of chain, free, FAT sector…).
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFF9;

/// The extent a sheet claims when it is too large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Extent {
    pub rows: u64,
    pub cols: u64,
}

/// Why an `.xls` is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Refusal {
    /// A sheet spans more than [`MAX_EXTENT`] cells.
    Extent(Extent),
    /// The cells would hold more text than the budget.
    Budget(Exceeded),
}

impl From<Extent> for Refusal {
    fn from(e: Extent) -> Refusal {
        Refusal::Extent(e)
    }
}

/// `Err` when a sheet spans more than [`MAX_EXTENT`] cells or the cells' text is over budget.
pub(super) fn check(bytes: &[u8]) -> Result<(), Refusal> {
    match workbook_stream(bytes) {
        Some(stream) => scan_biff(&stream),
        None => Ok(()),
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let bytes: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(u16::from_le_bytes(bytes))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let bytes: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(bytes))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let bytes: [u8; 8] = b.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// The compound file's sectors and allocation table ([MS-CFB]).
struct Container<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

impl Container<'_> {
    /// Sector `id` (the last one of the file may be short).
    fn sector(&self, id: u32) -> Option<&[u8]> {
        let start = usize::try_from(id)
            .ok()?
            .checked_add(1)?
            .checked_mul(self.sector_size)?;
        let end = start.checked_add(self.sector_size)?.min(self.bytes.len());
        self.bytes.get(start..end)
    }

    /// The sector ids of a chain; `None` on a loop or a broken link.
    fn chain(&self, table: &[u32], start: u32) -> Option<Vec<u32>> {
        let mut ids = Vec::new();
        let mut current = start;
        while current <= MAX_REGULAR_SECTOR {
            if ids.len() > table.len() {
                return None;
            }
            ids.push(current);
            current = *table.get(usize::try_from(current).ok()?)?;
        }
        Some(ids)
    }

    fn read(&self, start: u32, size: Option<u64>) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for id in self.chain(&self.fat, start)? {
            out.extend_from_slice(self.sector(id)?);
        }
        if let Some(size) = size {
            out.truncate(usize::try_from(size).unwrap_or(usize::MAX));
        }
        Some(out)
    }
}

fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(CFB_MAGIC) {
        return None;
    }
    let sector_shift = u16_at(bytes, 0x1E)?;
    let mini_shift = u16_at(bytes, 0x20)?;
    if !(7..=16).contains(&sector_shift) || mini_shift >= sector_shift {
        return None;
    }
    let sector_size = 1usize << sector_shift;
    let mini_size = 1usize << mini_shift;
    let first_dir = u32_at(bytes, 0x30)?;
    let mini_cutoff = u64::from(u32_at(bytes, 0x38)?);
    let first_minifat = u32_at(bytes, 0x3C)?;
    let mut difat_next = u32_at(bytes, 0x44)?;
    let max_sectors = bytes.len() / sector_size + 1;

    // The sectors holding the allocation table: 109 listed in the header, the rest in a
    // chain of DIFAT sectors whose last entry points to the next one.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
        .filter(|&id| id <= MAX_REGULAR_SECTOR)
        .collect();
    let mut container = Container {
        bytes,
        sector_size,
        fat: Vec::new(),
    };
    let per_sector = sector_size / 4;
    let mut hops = 0;
    while difat_next <= MAX_REGULAR_SECTOR {
        hops += 1;
        if hops > max_sectors {
            return None;
        }
        let sector = container.sector(difat_next)?;
        for i in 0..per_sector.saturating_sub(1) {
            let id = u32_at(sector, 4 * i)?;
            if id <= MAX_REGULAR_SECTOR {
                fat_sectors.push(id);
            }
        }
        difat_next = u32_at(sector, 4 * per_sector.saturating_sub(1))?;
    }
    if fat_sectors.len() > max_sectors {
        return None;
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * per_sector);
    for id in fat_sectors {
        let sector = container.sector(id)?;
        fat.extend((0..per_sector).map_while(|i| u32_at(sector, 4 * i)));
    }
    container.fat = fat;

    // Directory entries are 128 bytes: the root first, then the streams.
    let directory = container.read(first_dir, None)?;
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let root = entries.first()?;
    // Version 3 files (512-byte sectors) only use the low 32 bits of a stream size.
    let size_of =
        |entry: &[u8]| u64_at(entry, 0x78).map(|s| if sector_shift == 9 { s & 0xFFFF_FFFF } else { s });
    let workbook = entries.iter().find(|entry| {
        let name_len = usize::from(u16_at(entry, 0x40).unwrap_or(0)).min(64);
        let units: Vec<u16> = (0..name_len / 2).filter_map(|i| u16_at(entry, 2 * i)).collect();
        let name = String::from_utf16_lossy(&units);
        let name = name.trim_end_matches('\0');
        entry.get(0x42) == Some(&2)
            && (name.eq_ignore_ascii_case("Workbook") || name.eq_ignore_ascii_case("Book"))
    })?;
    let start = u32_at(workbook, 0x74)?;
    let size = size_of(workbook)?;
    if size >= mini_cutoff {
        return container.read(start, Some(size));
    }
    // Small streams live in the mini stream, in mini sectors chained by the mini FAT.
    let mini_stream = container.read(u32_at(root, 0x74)?, size_of(root))?;
    let minifat_bytes = container.read(first_minifat, None)?;
    let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
        .filter_map(|i| u32_at(&minifat_bytes, 4 * i))
        .collect();
    let mut out = Vec::new();
    for id in container.chain(&minifat, start)? {
        let at = usize::try_from(id).ok()?.checked_mul(mini_size)?;
        let end = at.checked_add(mini_size)?.min(mini_stream.len());
        out.extend_from_slice(mini_stream.get(at..end)?);
    }
    out.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    Some(out)
}

/// The bounding box of the cells of one sheet.
#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn check(&self) -> Result<(), Extent> {
        if let Some((r0, r1, c0, c1)) = self.0 {
            let extent = Extent {
                rows: u64::from(r1 - r0) + 1,
                cols: u64::from(c1 - c0) + 1,
            };
            if extent.rows.saturating_mul(extent.cols) > MAX_EXTENT {
                return Err(extent);
            }
        }
        Ok(())
    }
}

/// The extent a DIMENSIONS record declares, computed as `calamine` does (with its
/// wrapping arithmetic), since that is what it will reserve.
fn declared_extent(data: &[u8]) -> Option<Extent> {
    let (rf, rl, mut cf, cl) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)?),
            u32::from(u16_at(data, 2)?),
            u32::from(u16_at(data, 4)?),
            u32::from(u16_at(data, 6)?),
        ),
        14 | 16 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u32::from(u16_at(data, 8)?),
            u32::from(u16_at(data, 10)?),
        ),
        _ => return None,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return None;
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    Some(Extent {
        rows: u64::from(rows),
        cols: u64::from(cols),
    })
}

/// The bytes each string of the SST takes once decoded (an upper bound: 2 bytes a Latin-1
/// character, 3 a UTF-16 one), in order. `segments` are the SST record's data and that of
/// the CONTINUE records after it; a string's characters cut by a CONTINUE resume after one
/// byte of options there.
fn sst_lengths(segments: &[&[u8]]) -> Vec<u64> {
    struct Cursor<'a> {
        segments: &'a [&'a [u8]],
        seg: usize,
        at: usize,
    }
    impl Cursor<'_> {
        fn byte(&mut self) -> Option<u8> {
            loop {
                let s = self.segments.get(self.seg)?;
                if let Some(b) = s.get(self.at) {
                    self.at += 1;
                    return Some(*b);
                }
                self.seg += 1;
                self.at = 0;
            }
        }
        fn skip(&mut self, mut n: u64) -> Option<()> {
            while n > 0 {
                let s = self.segments.get(self.seg)?;
                let here = (s.len() - self.at.min(s.len())) as u64;
                if here >= n {
                    self.at += usize::try_from(n).ok()?;
                    return Some(());
                }
                n -= here;
                self.seg += 1;
                self.at = 0;
            }
            Some(())
        }
        fn u16(&mut self) -> Option<u64> {
            Some(u64::from(self.byte()?) | u64::from(self.byte()?) << 8)
        }
        fn u32(&mut self) -> Option<u64> {
            Some(self.u16()? | self.u16()? << 16)
        }
        /// `n` characters of width 1 or 2 that may continue in the next segments.
        fn chars(&mut self, mut n: u64, mut wide: bool) -> Option<()> {
            loop {
                let s = self.segments.get(self.seg)?;
                let width = if wide { 2 } else { 1 };
                let here = (s.len() - self.at.min(s.len())) as u64 / width;
                let take = here.min(n);
                self.at += usize::try_from(take * width).ok()?;
                n -= take;
                if n == 0 {
                    return Some(());
                }
                self.seg += 1;
                self.at = 0;
                wide = self.byte()? & 1 == 1;
            }
        }
    }
    let mut c = Cursor {
        segments,
        seg: 0,
        at: 0,
    };
    let mut out = Vec::new();
    // cstTotal, cstUnique: not trusted for any reservation.
    if c.skip(8).is_none() {
        return out;
    }
    while let Some(cch) = c.u16() {
        let Some(flags) = c.byte() else { break };
        let wide = flags & 0x01 != 0;
        let runs = if flags & 0x08 != 0 { c.u16() } else { Some(0) };
        let ext = if flags & 0x04 != 0 { c.u32() } else { Some(0) };
        let (Some(runs), Some(ext)) = (runs, ext) else {
            break;
        };
        out.push(cch * if wide { 3 } else { 2 });
        if c.chars(cch, wide).and_then(|()| c.skip(runs * 4 + ext)).is_none() {
            break;
        }
    }
    out
}

fn scan_biff(stream: &[u8]) -> Result<(), Refusal> {
    let mut pos = 0usize;
    let mut depth = 0usize;
    let mut bounds = Bounds::default();
    let mut strings: Vec<u64> = Vec::new();
    let mut text: u64 = 0;
    while let (Some(typ), Some(len)) = (u16_at(stream, pos), u16_at(stream, pos.saturating_add(2))) {
        let start = pos.saturating_add(4);
        let end = start.saturating_add(usize::from(len));
        let Some(data) = stream.get(start..end) else {
            break;
        };
        pos = end;
        match typ {
            // SST, in the globals, and the CONTINUE records that carry the rest of it.
            0x00FC if depth == 1 => {
                let mut segments = vec![data];
                while u16_at(stream, pos) == Some(0x003C) {
                    let Some(len) = u16_at(stream, pos.saturating_add(2)) else {
                        break;
                    };
                    let from = pos.saturating_add(4);
                    let to = from.saturating_add(usize::from(len));
                    let Some(more) = stream.get(from..to) else { break };
                    segments.push(more);
                    pos = to;
                }
                strings = sst_lengths(&segments);
            }
            // BOF opens a substream (the globals, a sheet, or a chart nested in a sheet).
            0x0809 => {
                depth += 1;
                if depth == 1 {
                    bounds = Bounds::default();
                }
            }
            // EOF closes it.
            0x000A => {
                if depth == 1 {
                    bounds.check()?;
                }
                depth = depth.saturating_sub(1);
            }
            _ if depth > 1 => {}
            // DIMENSIONS.
            0x0200 => {
                if let Some(extent) = declared_extent(data) {
                    if extent.rows.saturating_mul(extent.cols) > MAX_EXTENT {
                        return Err(extent.into());
                    }
                }
            }
            // Cell records: row and column first. FORMULA, BLANK, NUMBER, LABEL, BOOLERR,
            // RK, RSTRING, LABELSST.
            0x0006 | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00D6 | 0x00FD => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    bounds.add(row.into(), col.into());
                }
                // LABELSST: the cell gets its own copy of shared string `isst`.
                if typ == 0x00FD {
                    let len = u32_at(data, 6)
                        .and_then(|i| strings.get(usize::try_from(i).ok()?))
                        .copied()
                        .unwrap_or(0);
                    text = text.saturating_add(len);
                    if text > MAX_TEXT {
                        return Err(Refusal::Budget(Exceeded::Text {
                            bytes: text,
                            max: MAX_TEXT,
                        }));
                    }
                }
            }
            // MULRK: row, first column, …, last column.
            0x00BD => {
                if let (Some(row), Some(first), Some(last)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.len().checked_sub(2).and_then(|at| u16_at(data, at)),
                ) {
                    bounds.add(row.into(), first.into());
                    bounds.add(row.into(), last.into());
                }
            }
            _ => {}
        }
    }
    Ok(bounds.check()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn cell(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn cells_far_apart_are_refused() {
        let mut s = record(0x0809, &[0; 16]);
        s.extend(cell(0, 0));
        s.extend(cell(9_999, 199));
        s.extend(record(0x000A, &[]));
        assert_eq!(scan_biff(&s), Ok(()));
        let mut s = record(0x0809, &[0; 16]);
        s.extend(cell(0, 0));
        s.extend(cell(65_535, 255));
        assert_eq!(
            scan_biff(&s),
            Err(Refusal::Extent(Extent {
                rows: 65_536,
                cols: 256
            }))
        );
    }

    #[test]
    fn huge_declared_dimensions_are_refused() {
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(4_000_000_000u32.to_le_bytes());
        dims.extend(0u16.to_le_bytes());
        dims.extend(10u16.to_le_bytes());
        dims.extend([0, 0]);
        let mut s = record(0x0809, &[0; 16]);
        s.extend(record(0x0200, &dims));
        assert!(scan_biff(&s).is_err());
        // Truncated or empty streams are no reason to refuse.
        assert_eq!(scan_biff(&[0x09, 0x08, 0xFF]), Ok(()));
        assert_eq!(check(b"not a compound file"), Ok(()));
    }

    /// An SST of `strings` (Latin-1), cut into CONTINUE records of at most `chunk` bytes
    /// (a string's characters cut there resume after an options byte).
    fn sst(strings: &[String], chunk: usize) -> Vec<u8> {
        let mut body = Vec::new();
        body.extend((strings.len() as u32).to_le_bytes());
        body.extend((strings.len() as u32).to_le_bytes());
        let mut records = Vec::new();
        let mut current = body;
        let mut typ = 0x00FC;
        for s in strings {
            // Header of the string, never cut.
            if current.len() + 3 > chunk {
                records.extend(record(typ, &current));
                typ = 0x003C;
                current = Vec::new();
            }
            current.extend((s.len() as u16).to_le_bytes());
            current.push(0);
            for &b in s.as_bytes() {
                if current.len() >= chunk {
                    records.extend(record(typ, &current));
                    typ = 0x003C;
                    current = vec![0];
                }
                current.push(b);
            }
        }
        records.extend(record(typ, &current));
        records
    }

    fn label_sst(row: u16, isst: u32) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(0u16.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(isst.to_le_bytes());
        record(0x00FD, &d)
    }

    #[test]
    fn sst_lengths_follow_strings_across_continue_records() {
        let strings = vec![
            "MARTIN".to_owned(),
            "x".repeat(20_000),
            "Helene".to_owned(),
            "Le Gall".to_owned(),
        ];
        let bytes = sst(&strings, 8_224);
        // Back to segments, as scan_biff gathers them.
        let mut segments = Vec::new();
        let mut pos = 0;
        while let (Some(_), Some(len)) = (u16_at(&bytes, pos), u16_at(&bytes, pos + 2)) {
            segments.push(&bytes[pos + 4..pos + 4 + usize::from(len)]);
            pos += 4 + usize::from(len);
        }
        let lengths = sst_lengths(&segments);
        assert_eq!(lengths, vec![12, 40_000, 12, 14]);
    }

    #[test]
    fn one_long_string_in_many_cells_is_refused() {
        let long = "A".repeat(30_000);
        let mut s = record(0x0809, &[0; 16]);
        s.extend(sst(&[long], 8_224));
        s.extend(record(0x000A, &[]));
        s.extend(record(0x0809, &[0; 16]));
        // 2 000 cells × 60 000 bytes: 120 MB of copies from a file of a few hundred kilobytes.
        for row in 0..2_000 {
            s.extend(label_sst(row, 0));
        }
        s.extend(record(0x000A, &[]));
        assert!(matches!(
            scan_biff(&s),
            Err(Refusal::Budget(Exceeded::Text { .. }))
        ));
        // The same string in a few cells is fine.
        let mut s = record(0x0809, &[0; 16]);
        s.extend(sst(&["A".repeat(30_000)], 8_224));
        s.extend(record(0x000A, &[]));
        s.extend(record(0x0809, &[0; 16]));
        for row in 0..10 {
            s.extend(label_sst(row, 0));
        }
        s.extend(record(0x000A, &[]));
        assert_eq!(scan_biff(&s), Ok(()));
    }

    #[test]
    fn corpus_xls_is_found_and_accepted() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/registre-ars.xls");
        let bytes = std::fs::read(path).unwrap();
        let stream = workbook_stream(&bytes).expect("flux Workbook");
        assert_eq!(u16_at(&stream, 0), Some(0x0809));
        assert_eq!(check(&bytes), Ok(()));
    }
}
