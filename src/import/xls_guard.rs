//! A look inside an `.xls` file before `calamine` parses it.
//!
//! `calamine` lays every `.xls` sheet out as one dense block spanning its cells, and reserves
//! room for the extent the sheet's DIMENSIONS record declares. A damaged file can place a cell
//! (or declare an extent) billions of cells away, and the allocation then aborts the whole
//! application — an abort that, unlike a panic, cannot be caught. This module finds the
//! `Workbook` stream in the compound file and scans its BIFF records for such extents.
//!
//! It only refuses what it positively understands to be too large: a container it cannot
//! follow is left to `calamine`, which reports its own error.

/// The largest extent a sheet may span: a full BIFF8 sheet (65,536 rows × 256 columns).
/// No genuine `.xls` goes beyond it, so only damaged files are refused.
pub(super) const MAX_EXTENT: u64 = 65_536 * 256;

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector ids from 0xFFFFFFFA up are markers (end of chain, free, FAT sector…).
const MAX_REGULAR_SECTOR: u32 = 0xFFFF_FFF9;

/// The extent a sheet claims when it is too large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Extent {
    pub rows: u64,
    pub cols: u64,
}

/// `Err` with the extent when a sheet spans more than [`MAX_EXTENT`] cells.
pub(super) fn check(bytes: &[u8]) -> Result<(), Extent> {
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

fn scan_biff(stream: &[u8]) -> Result<(), Extent> {
    let mut pos = 0usize;
    let mut depth = 0usize;
    let mut bounds = Bounds::default();
    while let (Some(typ), Some(len)) = (u16_at(stream, pos), u16_at(stream, pos.saturating_add(2))) {
        let start = pos.saturating_add(4);
        let end = start.saturating_add(usize::from(len));
        let Some(data) = stream.get(start..end) else {
            break;
        };
        pos = end;
        match typ {
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
                        return Err(extent);
                    }
                }
            }
            // Cell records: row and column first. FORMULA, BLANK, NUMBER, LABEL, BOOLERR,
            // RK, RSTRING, LABELSST.
            0x0006 | 0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00D6 | 0x00FD => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    bounds.add(row.into(), col.into());
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
    bounds.check()
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
        s.extend(cell(60_000, 200));
        s.extend(record(0x000A, &[]));
        assert_eq!(scan_biff(&s), Ok(()));
        let mut s = record(0x0809, &[0; 16]);
        s.extend(cell(0, 0));
        s.extend(cell(65_535, 4_000));
        assert_eq!(
            scan_biff(&s),
            Err(Extent {
                rows: 65_536,
                cols: 4_001
            })
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

    #[test]
    fn corpus_xls_is_found_and_accepted() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/registre-ars.xls");
        let bytes = std::fs::read(path).unwrap();
        let stream = workbook_stream(&bytes).expect("flux Workbook");
        assert_eq!(u16_at(&stream, 0), Some(0x0809));
        assert_eq!(check(&bytes), Ok(()));
    }
}
