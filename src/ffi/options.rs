//! Versioned options structs, libgit2 style: a function whose parameters will grow takes a
//! `const gr_x_options *` (NULL: the defaults), a `#[repr(C)]` struct whose first field is
//! `uint32_t version`, filled by `gr_x_options_init(opts, GR_X_OPTIONS_VERSION)`. A new
//! field is only ever appended, with a new version; the library then reads no more of a
//! caller's struct than that caller's version declares (the fields it lacks keep their
//! defaults), so programs built against an older header keep working. A version this
//! library does not know (0: never initialised; above the current one: a newer header) is
//! `GR_STATUS_INVALID_ARGUMENT`, before anything else is read or written.
//!
//! A random seed is always two fields (or arguments), `bool seeded` then `uint64_t seed`:
//! `seeded` false lets the library draw a fresh seed; `seeded_value` turns them into the
//! `Option<u64>` that `algo::random::seed_or_random` takes.

use std::ptr;

use crate::core::GraphResult;

use super::boundary::invalid;

/// The seed a `bool seeded, uint64_t seed` pair names (`None`: draw a fresh one).
pub(crate) fn seeded_value(seeded: bool, seed: u64) -> Option<u64> {
    seeded.then_some(seed)
}

/// An options struct of the C ABI.
///
/// # Safety
/// The implementor is `#[repr(C)]` and begins with its `version: u32` field; every struct a
/// C caller may legally fill (bools 0 or 1, any pointer values) is a valid value of it;
/// and for each version `v` in `1..=VERSION`, `size_of_version(v)` is at most
/// `size_of::<Self>()` and covers exactly the fields version `v` declares (the size of the
/// struct as that version's header laid it out).
pub(crate) unsafe trait VersionedOptions: Sized {
    /// The current version (the header's `GR_X_OPTIONS_VERSION`).
    const VERSION: u32;
    /// The init function, named in messages (`"gr_pagerank_options_init"`).
    const INIT: &'static str;
    /// The defaults of every field, with `version` set to `VERSION`.
    fn defaults() -> Self;
    /// How many bytes of the struct version `version` (known) declares.
    fn size_of_version(version: u32) -> usize;
}

/// `Ok` for a version this library knows, else the error the options functions return.
fn check_version<T: VersionedOptions>(version: u32) -> GraphResult<()> {
    match version {
        0 => Err(invalid(format!(
            "options version 0: the options were not initialised (call {}(opts, version) first)",
            T::INIT
        ))),
        v if v > T::VERSION => Err(invalid(format!(
            "options version {v} is unknown: this library knows versions 1 to {} (built \
             against a newer header?)",
            T::VERSION
        ))),
        _ => Ok(()),
    }
}

/// The options a function runs with: the defaults when `options` is NULL, else the
/// caller's fields of its version over the defaults. Reads nothing beyond that version's
/// fields.
///
/// # Safety
/// `options` is NULL or points to a struct `T` of the version its first field states,
/// initialised at least that far.
pub(crate) unsafe fn read_options<T: VersionedOptions>(options: *const T) -> GraphResult<T> {
    if options.is_null() {
        return Ok(T::defaults());
    }
    // SAFETY: the caller promises a struct beginning with the u32 version.
    let version = unsafe { options.cast::<u32>().read_unaligned() };
    check_version::<T>(version)?;
    let mut read = T::defaults();
    // SAFETY: the caller's struct holds `size_of_version(version)` readable bytes, which
    // fit in `read` (the trait's promise); a byte copy of legally filled fields is a valid
    // `T` (also the trait's promise).
    unsafe {
        ptr::copy_nonoverlapping(
            options.cast::<u8>(),
            ptr::addr_of_mut!(read).cast::<u8>(),
            T::size_of_version(version),
        );
    }
    Ok(read)
}

/// The body of `gr_x_options_init`: writes the defaults of `version`'s fields (and the
/// version) to `options`; nothing is written for an unknown version or a NULL pointer.
///
/// # Safety
/// `options` is NULL or points to a writable struct `T` of version `version`.
pub(crate) unsafe fn init_options<T: VersionedOptions>(
    options: *mut T,
    version: u32,
) -> GraphResult<()> {
    check_version::<T>(version)?;
    if options.is_null() {
        return Err(invalid("options is NULL"));
    }
    let defaults = T::defaults();
    // SAFETY: the caller's struct has room for `size_of_version(version)` bytes, which
    // `defaults` holds (trait promise); the version goes into the first field after.
    unsafe {
        ptr::copy_nonoverlapping(
            ptr::addr_of!(defaults).cast::<u8>(),
            options.cast::<u8>(),
            T::size_of_version(version),
        );
        options.cast::<u32>().write_unaligned(version);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::GraphError;
    use std::mem::{offset_of, size_of};

    /// An options struct in its second version, as a library that added `extra` would
    /// declare it.
    #[repr(C)]
    #[derive(Debug, PartialEq, Clone, Copy)]
    struct Opts {
        version: u32,
        alpha: f64,
        extra: u64,
    }

    /// The same struct as a program built against version 1 lays it out.
    #[repr(C)]
    struct OptsV1 {
        version: u32,
        alpha: f64,
    }

    // SAFETY: repr(C), begins with the version, every bit pattern is valid; version 1
    // ends before `extra`.
    unsafe impl VersionedOptions for Opts {
        const VERSION: u32 = 2;
        const INIT: &'static str = "gr_test_options_init";
        fn defaults() -> Self {
            Opts {
                version: 2,
                alpha: 0.5,
                extra: 7,
            }
        }
        fn size_of_version(version: u32) -> usize {
            match version {
                1 => offset_of!(Opts, extra),
                _ => size_of::<Opts>(),
            }
        }
    }

    fn message(result: GraphResult<impl std::fmt::Debug>) -> String {
        match result {
            Err(GraphError::InvalidArgument(m)) => m,
            other => panic!("expected an invalid argument, got {other:?}"),
        }
    }

    #[test]
    fn null_reads_the_defaults() {
        // SAFETY: NULL is allowed.
        let read = unsafe { read_options::<Opts>(ptr::null()) }.unwrap();
        assert_eq!(read, Opts::defaults());
    }

    #[test]
    fn an_older_version_reads_its_fields_and_defaults_the_rest() {
        let v1 = OptsV1 {
            version: 1,
            alpha: 0.25,
        };
        // SAFETY: a version-1 struct, which is all the helper reads of it.
        let read = unsafe { read_options::<Opts>(ptr::addr_of!(v1).cast()) }.unwrap();
        assert_eq!(
            read,
            Opts {
                version: 1,
                alpha: 0.25,
                extra: 7
            }
        );
    }

    #[test]
    fn init_of_an_older_version_writes_only_its_fields() {
        // A version-1 struct followed by bytes the init must leave alone.
        #[repr(C)]
        struct Guarded {
            opts: OptsV1,
            guard: [u8; 16],
        }
        let mut g = Guarded {
            opts: OptsV1 {
                version: 9,
                alpha: 9.0,
            },
            guard: [0xAB; 16],
        };
        // SAFETY: a writable version-1 struct.
        unsafe { init_options::<Opts>(ptr::addr_of_mut!(g.opts).cast(), 1) }.unwrap();
        assert_eq!((g.opts.version, g.opts.alpha), (1, 0.5));
        assert_eq!(g.guard, [0xAB; 16]);
    }

    #[test]
    fn unknown_versions_are_refused_and_nothing_is_written() {
        for version in [0, 3, u32::MAX] {
            let mut opts = Opts {
                version,
                alpha: 1.0,
                extra: 1,
            };
            let before = opts;
            // SAFETY: a valid struct.
            let m = message(unsafe { read_options(ptr::addr_of!(opts)) });
            assert!(m.contains(&format!("options version {version}")), "{m}");
            // SAFETY: a writable struct.
            let m = message(unsafe { init_options(ptr::addr_of_mut!(opts), version) });
            assert!(m.contains(&format!("options version {version}")), "{m}");
            assert_eq!(opts, before);
        }
        // SAFETY: a valid struct.
        let m = message(unsafe {
            read_options(&Opts {
                version: 0,
                ..Opts::defaults()
            })
        });
        assert!(m.contains("gr_test_options_init"), "{m}");
    }

    #[test]
    fn init_refuses_null() {
        // SAFETY: NULL is checked.
        let m = message(unsafe { init_options::<Opts>(ptr::null_mut(), 2) });
        assert!(m.contains("NULL"), "{m}");
    }
}
