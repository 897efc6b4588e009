/// A min-heap of `(nextRun, key)`: the untagged schedules in due order, ties broken by key,
/// so finding the next due job costs O(log n) instead of a scan of every schedule.
struct DueQueue {
    struct Entry: Comparable {
        let nextRun: Int64
        let key: String
        static func < (a: Entry, b: Entry) -> Bool { (a.nextRun, a.key) < (b.nextRun, b.key) }
    }

    private var heap: [Entry] = []

    var min: Entry? { heap.first }
    var count: Int { heap.count }

    mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child] < heap[parent] else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() {
        guard !heap.isEmpty else { return }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left] < heap[smallest] { smallest = left }
            if right < heap.count, heap[right] < heap[smallest] { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
