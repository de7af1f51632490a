// digit-bench: release-build benchmarks that print their figures.
//
//     swift run -c release digit-bench [--cache DIR] [--runs N] [--only medium|large]
//
// Generates the benchmark data roots once into a cache folder (default .build/bench-data, never
// committed), then times loading them (parse + validate + build the model) and prints wall time,
// throughput and peak memory.

import DigITFeeds
import DigITMetrics

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct Size {
  var name: String
  var offices, projects, items, services, weeks: Int
}

let sizes = [
  Size(name: "medium", offices: 40, projects: 20, items: 150, services: 50, weeks: 104),
  Size(name: "large", offices: 400, projects: 25, items: 200, services: 60, weeks: 104),
]

// `digit-bench --load-once DIR`: one load in a fresh process, so its peak memory is that load's alone.
if CommandLine.arguments.count == 3 && CommandLine.arguments[1] == "--load-once" {
  let r = try FeedLoader(root: CommandLine.arguments[2], asOf: Day(year: 2026, month: 11, day: 23)!).load()
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  print("\(usage.ru_maxrss / 1024) \(r.rowsRead)")
  exit(0)
}

var cache = ".build/bench-data"
var runs = 5
var only: String? = nil
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
  switch a {
  case "--cache": cache = args.next() ?? cache
  case "--runs": runs = Int(args.next() ?? "") ?? runs
  case "--only": only = args.next()
  default:
    print("usage: digit-bench [--cache DIR] [--runs N] [--only medium|large]")
    exit(2)
  }
}

let asOf = Day(year: 2026, month: 11, day: 23)!

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}


/// Runs `digit-bench --load-once DIR` and returns the child's peak RSS in MiB.
func loadOncePeakMiB(_ dir: String) -> String {
  var pid = pid_t()
  var fds: [Int32] = [0, 0]
  pipe(&fds)
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
  let words: [String] = ["/proc/self/exe", "--load-once", dir]
  let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
  let rc = posix_spawn(&pid, "/proc/self/exe", &actions, nil, argv, environ)
  close(fds[1])
  guard rc == 0 else { return "?" }
  var out = [UInt8](repeating: 0, count: 256)
  let n = read(fds[0], &out, 256)
  close(fds[0])
  var status: Int32 = 0
  waitpid(pid, &status, 0)
  let text = String(decoding: out.prefix(max(0, n)), as: UTF8.self)
  return String(text.split(separator: " ").first ?? "?")
}

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func fmt(_ v: Double, _ digits: Int = 3) -> String {
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let r = (v * scale).rounded() / scale
  return String(r)
}

print("digit-bench  (as of \(asOf), \(runs) runs each, cache \(cache))")
_ = mkdir(cache, 0o755)
for size in sizes where only == nil || only == size.name {
  let dir = "\(cache)/\(size.name)-\(size.offices)-\(size.projects)-\(size.items)-\(size.services)-\(size.weeks)-german"
  if FileSystem.kind(dir + "/.complete") != .file {
    var o = FeedGenerator.Options()
    o.offices = size.offices
    o.projects = size.projects
    o.items = size.items
    o.services = size.services
    o.weeks = size.weeks
    o.german = true
    o.seed = 42
    let t0 = now()
    let bytes = try FeedGenerator(options: o).write(to: dir)
    let fd = open(dir + "/.complete", O_WRONLY | O_CREAT, 0o644)
    close(fd)
    print("generated \(size.name): \(bytes / 1_000_000) MB in \(fmt(now() - t0, 2)) s")
  }
  var times: [Double] = []
  var last: LoadResult? = nil
  for _ in 0..<runs {
    last = nil
    let t0 = now()
    let r = try FeedLoader(root: dir, asOf: asOf).load()
    times.append(now() - t0)
    last = r
  }
  let r = last!
  last = nil
  let mb = Double(r.bytesRead) / 1e6
  let t = median(times)
  print("load \(size.name): \(fmt(mb, 1)) MB, \(r.rowsRead) rows, \(r.errorCount) errors, \(r.warningCount) warnings")
  print("  wall median \(fmt(t)) s (min \(fmt(times.min()!)) s) · \(fmt(mb / t, 0)) MB/s · \(fmt(Double(r.rowsRead) / t / 1e6, 2)) M rows/s")
  let t1 = now()
  _ = try FeedLoader(root: dir, asOf: asOf, parallel: false).load()
  print("  single core \(fmt(now() - t1)) s")
  print("  peak RSS of one load \(loadOncePeakMiB(dir)) MiB (fresh process)")
}
