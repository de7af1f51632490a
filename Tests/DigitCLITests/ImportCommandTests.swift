import DigITTestSupport
import Foundation
import Testing

/// `digit import FILE --office ID [--dry-run] [--force]` end to end.
@Suite struct ImportCommandTests {
  private static let export = """
    #;Tracker;Status;Priorität;Thema;Projekt;Angelegt;Aktualisiert;Geschlossen am
    1;Fehler;Erledigt;Normal;Absturz;Online-Antrag;01.09.2026 08:00;05.09.2026 09:00;04.09.2026 17:00
    2;Fehler;Neu;Normal;Tippfehler;Online-Antrag;02.09.2026 08:00;02.09.2026 08:00;
    3;Fehler;Wartet;Normal;Rückfrage;Nirgendwo;02.09.2026 08:00;02.09.2026 08:00;

    """

  private func root() throws -> (root: String, file: String) {
    let root = try CLI.tempRoot([
      "city.yaml": "name: Teststadt\n",
      "offices/amt-1/office.yaml": "id: amt-1\nname: Bürgeramt\n",
      "offices/amt-1/projects.csv": "id,title,status\nP-1,Online-Antrag,active\n",
      "export/tickets.csv": Self.export,
    ])
    return (root, root + "/export/tickets.csv")
  }

  @Test func theDryRunShowsWhatTheFileBecomesAndWritesNothing() throws {
    let (root, file) = try root()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let r = try CLI.digit("import", file, "--office", "amt-1", "--dry-run", "--data", root, "--as-of", "2026-11-23")
    #expect(r.status == 0)
    #expect(r.out.contains("Kind: Redmine CSV (redmine)"))
    #expect(r.out.contains("Rows: 2 taken (1 open, 1 closed), 1 skipped"))
    #expect(r.out.contains("Online-Antrag"))
    #expect(r.out.contains("Nirgendwo") && r.out.contains("(not mapped)"))
    #expect(r.out.contains("Unknown statuses: Wartet (1)"))
    #expect(!FileManager.default.fileExists(atPath: root + "/offices/amt-1/tickets.csv"))
  }

  @Test func withoutDryRunTheFileIsCopiedAndReadByValidate() throws {
    let (root, file) = try root()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let export = Self.export.replacingOccurrences(of: "Wartet", with: "Neu").replacingOccurrences(
      of: "Nirgendwo", with: "P-1")
    try Data(export.utf8).write(to: URL(fileURLWithPath: file))
    let r = try CLI.digit("import", file, "--office", "amt-1", "--data", root, "--as-of", "2026-11-23")
    #expect(r.status == 0)
    #expect(FileManager.default.fileExists(atPath: root + "/offices/amt-1/tickets.csv"))
    let v = try CLI.digit("validate", "--data", root, "--as-of", "2026-11-23", "--details", "--lang", "en")
    #expect(v.status == 0)
    #expect(v.out.contains(" 0 skipped, 0 errors, 0 warnings,"))
    // A second time the file exists: exit 1 without --force.
    let again = try CLI.digit("import", file, "--office", "amt-1", "--data", root, "--as-of", "2026-11-23")
    #expect(again.status == 1)
    #expect(again.err.contains("exists already; pass --force to replace it"))
  }

  @Test func anUnknownOfficeNamesTheNearest() throws {
    let (root, file) = try root()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let r = try CLI.digit("import", file, "--office", "amt-2", "--data", root, "--as-of", "2026-11-23")
    #expect(r.status == 1)
    #expect(r.err.contains("there is no office \"amt-2\" (did you mean \"amt-1\"?)"))
  }
}
