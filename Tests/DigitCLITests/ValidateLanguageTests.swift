import DigITTestSupport
import Foundation
import Testing

/// `digit validate` speaks the user's language: German by default (as the rest of the tool), English with
/// `--lang en`; the JSON keeps the English message.
@Suite struct ValidateLanguageTests {
  static let files = [
    "city.yaml": "name: Teststadt\n",
    "offices/amt-1/office.yaml": "id: amt-1\nname: Bürgeramt\n",
    "offices/amt-1/projects.csv": "id,title,status\nP-1,Online-Antrag,active\n",
    "offices/amt-1/backlog.csv": "id,project_id,created\nB-1,P-1,2026-01-05\nB-2,P-1,31.02.2026\nB-3,P-9,2026-12-24\n",
  ]

  @Test func germanByDefaultAndWithLangDe() throws {
    let root = try CLI.tempRoot(Self.files)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let byDefault = try CLI.digit("validate", "--data", root, "--as-of", "2026-11-23")
    let de = try CLI.digit("validate", "--data", root, "--as-of", "2026-11-23", "--lang", "de")
    #expect(de.status == 1)
    #expect(byDefault.out == de.out)
    #expect(de.out.contains("amt-1 – Bürgeramt\n"))
    #expect(
      de.out.contains(
        "  offices/amt-1/backlog.csv:3: Fehler: created: „31.02.2026“ ist kein Datum (der Februar 2026 hat 28 Tage, nicht 31)\n"
      ), "\(de.out)")
    #expect(
      de.out.contains(
        "offices/amt-1/backlog.csv:4: Fehler: project_id: „P-9“ ist kein Projekt dieses Amts (siehe projects.csv)"),
      "\(de.out)")
    #expect(de.out.contains("1 Amt, 2 Zeilen gelesen, 2 übersprungen, 2 Fehler, 0 Warnungen, "), "\(de.out)")
    #expect(de.out.contains("(Stand 23.11.2026, "), "\(de.out)")
    #expect(!de.out.contains(" error: ") && !de.out.contains("is not"))
  }

  @Test func englishWithLangEn() throws {
    let root = try CLI.tempRoot(Self.files)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let en = try CLI.digit("validate", "--data", root, "--as-of", "2026-11-23", "--lang", "en")
    #expect(en.status == 1)
    #expect(
      en.out.contains(
        #"offices/amt-1/backlog.csv:3: error: created: "31.02.2026" is not a date (February 2026 has 28 days, not 31)"#)
    )
    #expect(en.out.contains("1 office, 2 rows read, 2 skipped, 2 errors, 0 warnings,"), "\(en.out)")
  }

  @Test func detailsTableInGerman() throws {
    let root = try CLI.tempRoot(Self.files)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let de = try CLI.digit("validate", "--data", root, "--as-of", "2026-11-23", "--details")
    #expect(de.out.contains("Amt") && de.out.contains("Meilensteine") && de.out.contains("Übersprungen"), "\(de.out)")
  }

  @Test func jsonKeepsTheEnglishMessage() throws {
    let root = try CLI.tempRoot(Self.files)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let r = try CLI.digit("validate", "--data", root, "--as-of", "2026-11-23", "--format", "json", "--lang", "de")
    let items = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]]
    let backlog = items?.first { $0["file"] as? String == "offices/amt-1/backlog.csv" }
    #expect(backlog?["message"] as? String == "\"31.02.2026\" is not a date (February 2026 has 28 days, not 31)")
    #expect(items?.allSatisfy { $0["german"] == nil } == true)
    #expect(r.err.contains("1 Amt, "), "\(r.err)")
  }
}
