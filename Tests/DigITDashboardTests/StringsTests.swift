import DigITCore
import DigITDashboard
import DigITFeeds
import DigITMetrics
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct StringsTests {
  /// Every UI word has a German and an English text (a missing entry would stop the dashboard).
  @Test func everyWordHasBothLanguages() {
    for word in Words.allCases {
      #expect(!word(.de).isEmpty, "\(word)")
      #expect(!word(.en).isEmpty, "\(word)")
    }
  }

  /// A failed reload says what is wrong with the data folder in the dashboard's language; an error
  /// without words of its own keeps its description.
  @Test func reloadErrorsAreInTheUILanguage() {
    let missing = FeedRootError(root: "/daten/mainz", reason: .missing)
    #expect(
      Words.reloadFailure(missing, .de) == "Neu laden fehlgeschlagen: der Datenordner /daten/mainz existiert nicht")
    #expect(Words.reloadFailure(missing, .en) == "Reload failed: the data folder /daten/mainz does not exist")
    let file = FeedRootError(root: "x", reason: .notAFolder)
    #expect(
      Words.reloadFailure(file, .de) == "Neu laden fehlgeschlagen: der Datenordner x ist eine Datei, kein Ordner")
    let unreadable = FeedRootError(root: "x", reason: .unreadable("cannot be read (permission denied)"))
    #expect(Words.reloadFailure(unreadable, .de) == "Neu laden fehlgeschlagen: der Datenordner x ist nicht lesbar")
    #expect(
      Words.reloadFailure(unreadable, .en) == "Reload failed: the data folder x cannot be read (permission denied)")
    let empty = FeedRootError(root: "x", reason: .notADataFolder)
    #expect(Words.reloadFailure(empty, .de).hasSuffix("ist kein Datenordner: er hat weder city.yaml noch offices/"))
    #expect(empty.description == "x is not a data folder: it has neither city.yaml nor offices/")
  }

  /// A system failure during a reload (issue 18) is named as one, in the UI language, with its errno.
  @Test func aSystemFailureDuringAReloadIsNamedInTheUILanguage() {
    let failure = SystemError(code: EMFILE, path: "offices/amt-1/backlog.csv")
    #expect(
      Words.reloadFailure(failure, .de)
        == "Neu laden fehlgeschlagen: Systemfehler beim Lesen von offices/amt-1/backlog.csv (EMFILE)")
    #expect(
      Words.reloadFailure(failure, .en) == "Reload failed: system failure reading offices/amt-1/backlog.csv (EMFILE)")
  }
}
