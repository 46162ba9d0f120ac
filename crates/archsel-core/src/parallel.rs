//! An order-keeping parallel map on scoped threads, for batches of
//! independent work: the files a catalog parses, the pages a site renders.

/// How many threads a batch of `items` is worth: one below `at_least`
/// (asking the machine reads cgroup files, and threads cost more than a
/// small batch saves), else the available parallelism, at most 8.
pub fn threads_for(items: usize, at_least: usize) -> usize {
    if items < at_least {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Maps `items` with `f` on `threads` threads, each taking a run of
/// consecutive items; the results keep the items' order. `None` stands for
/// an item whose thread panicked (the whole run of that thread), so that
/// the results still line up with the items. With one thread, `f` runs
/// here and a panic is not caught.
pub fn map<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<Option<R>> {
    if threads < 2 || items.len() < 2 {
        return items.into_iter().map(|item| Some(f(item))).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut items = items.into_iter();
    let runs: Vec<Vec<T>> = std::iter::from_fn(|| {
        let run: Vec<T> = items.by_ref().take(chunk).collect();
        (!run.is_empty()).then_some(run)
    })
    .collect();
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = runs
            .into_iter()
            .map(|run| {
                let len = run.len();
                let worker = scope.spawn(move || run.into_iter().map(f).collect::<Vec<R>>());
                (len, worker)
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|(len, worker)| match worker.join() {
                Ok(results) => results.into_iter().map(Some).collect(),
                Err(_) => (0..len).map(|_| None).collect::<Vec<_>>(),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_on_any_number_of_threads() {
        for threads in [1, 2, 3, 8] {
            let items: Vec<usize> = (0..101).collect();
            let doubled: Vec<usize> = map(items, threads, |i| i * 2)
                .into_iter()
                .flatten()
                .collect();
            assert_eq!(
                doubled,
                (0..101).map(|i| i * 2).collect::<Vec<_>>(),
                "{threads}"
            );
        }
    }

    #[test]
    fn a_panicking_run_leaves_holes_not_a_shift() {
        let results = map((0..10).collect(), 2, |i: usize| {
            assert!(i != 7, "seven");
            i
        });
        assert_eq!(results.len(), 10);
        assert_eq!(
            &results[..5],
            &[Some(0), Some(1), Some(2), Some(3), Some(4)]
        );
        assert!(results[5..].iter().all(Option::is_none));
    }
}
