import DigITTestSupport
import Foundation
import Testing

/// DocC drops an article whose file name is the name of a type of its module ("Article 'MetricCatalog.md'
/// would override structure 'MetricCatalog' ... DocC favors the symbol in this collision and drops the
/// article", swift-docc issue #593): the page would exist on the forge and be missing from the built
/// documentation. Every catalog also has its landing page, named like the module.
@Suite struct DocCCatalogTests {
  static let sources = CLI.packageRoot.appendingPathComponent("Sources")

  /// The names of the types a module declares (`public`/`open` struct, enum, class, actor, protocol).
  static func publicTypes(of module: String) throws -> Set<String> {
    let folder = sources.appendingPathComponent(module)
    var names: Set<String> = []
    let pattern = try Regex(
      #"^\s*(?:public|open)\s+(?:final\s+)?(?:struct|enum|class|actor|protocol)\s+([A-Za-z_][A-Za-z0-9_]*)"#)
    let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        if let match = line.firstMatch(of: pattern), let name = match.output[1].substring { names.insert(String(name)) }
      }
    }
    return names
  }

  @Test func noArticleIsNamedLikeATypeAndEveryCatalogHasItsLandingPage() throws {
    let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
    var catalogs = 0
    for module in modules {
      let catalog = Self.sources.appendingPathComponent(module).appendingPathComponent("\(module).docc")
      guard FileManager.default.fileExists(atPath: catalog.path) else { continue }
      catalogs += 1
      let articles = try FileManager.default.contentsOfDirectory(atPath: catalog.path).filter { $0.hasSuffix(".md") }
      #expect(articles.contains("\(module).md"), "\(module).docc has no landing page \(module).md")
      let types = try Self.publicTypes(of: module)
      for article in articles where article != "\(module).md" {
        let name = String(article.dropLast(3))
        #expect(
          !types.contains(name),
          "\(module).docc/\(article) is named like the type \(name): DocC would drop it; rename it")
      }
    }
    #expect(catalogs >= 5)
  }
}
