import PantauJournal
import XCTest

/// `--journal` as a file or a PostgreSQL URL, and URLs shown without their passwords.
final class JournalAddressTests: XCTestCase {
    func testPostgresURLsAndPathsAreTold() {
        XCTAssertEqual(JournalAddress("postgres://pantau@db:5432/city"), .postgres(url: "postgres://pantau@db:5432/city"))
        XCTAssertEqual(JournalAddress("PostgreSQL://pantau@db/city?sslmode=require"), .postgres(url: "PostgreSQL://pantau@db/city?sslmode=require"))
        XCTAssertEqual(JournalAddress("/srv/pantau/journal.sqlite"), .file("/srv/pantau/journal.sqlite"))
        XCTAssertEqual(JournalAddress("postgres.sqlite"), .file("postgres.sqlite"))
    }

    func testPasswordsAreNotShown() {
        XCTAssertEqual(JournalAddress("postgres://pantau:s3cret@db:5432/city?sslmode=require").displayName,
                       "postgres://pantau@db:5432/city?sslmode=require")
        XCTAssertEqual(JournalAddress.redacted("postgres://pantau@db/city?password=s3cret&sslmode=verify-full"),
                       "postgres://pantau@db/city?sslmode=verify-full")
        XCTAssertEqual(JournalAddress.redacted("postgres://db/city?password=s3cret"), "postgres://db/city")
        XCTAssertEqual(JournalAddress("/tmp/j.sqlite").displayName, "/tmp/j.sqlite")
    }
}
