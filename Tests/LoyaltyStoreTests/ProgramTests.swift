import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct ProgramTests {
    @Test func programsWithItemsAndOneProgramPerUPC() throws {
        let (t, dog, cat, _) = try TestStore.withPrograms()
        let all = try t.store.programs()
        #expect(all.map(\.program.name) == ["Cat Litter", "MeNow Dog Food"])
        #expect(all.last?.items.count == 2)
        #expect(try t.store.item(for: upc("01234567890"))?.program.id == dog.id)
        #expect(try t.store.item(for: try UPC.parse("0" + upc("01234567890").display))?.item.size == "12 lb")
        #expect(throws: StoreError.upcInOtherProgram(upc: upc("01234567890"), program: "MeNow Dog Food")) {
            try t.store.addProgramItem(ProgramItem(programID: cat.id, upc: upc("01234567890"), description: "x"), by: TestStore.admin)
        }
        try t.store.removeProgramItem(upc: upc("01234567891"), by: TestStore.admin)
        #expect(try t.store.item(for: upc("01234567891")) == nil)
        #expect(try t.store.linePrograms(for: [upc("01234567890"), upc("07000000001"), upc("09999999999")], at: nil)
                .entries.mapValues(\.programID) == [upc("01234567890"): dog.id, upc("07000000001"): cat.id])
        let actions = try t.store.auditLog().map(\.action)
        #expect(actions.filter { $0 == "program.item-add" }.count == 3 && actions.contains("program.item-remove"))
    }

    /// Issue 14 #4: adding a UPC the program already has — also in its 13-digit form — overwrote it silently.
    /// It is refused naming what it is now; the change is its own audited write (old → new).
    @Test func addingAUPCThisProgramHasIsRefusedAndChangingItIsAuditedOldToNew() throws {
        let (t, dog, cat, _) = try TestStore.withPrograms()
        let thirteen = try UPC.parse("0" + upc("01234567890").display)
        #expect(throws: StoreError.upcAlreadyInProgram(upc: upc("01234567890"), program: "MeNow Dog Food",
                                                      description: "MeNow Munchies 12 lb", size: "12 lb")) {
            try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: thirteen, description: "Renamed"), by: TestStore.admin)
        }
        #expect(try t.store.item(for: upc("01234567890"))?.item.description == "MeNow Munchies 12 lb")
        try t.store.changeProgramItem(ProgramItem(programID: dog.id, upc: thirteen, description: "MeNow Munchies 12 lb bag",
                                                  size: "12 lb"), by: TestStore.admin)
        #expect(try t.store.item(for: upc("01234567890"))?.item.description == "MeNow Munchies 12 lb bag")
        let change = try #require(try t.store.auditLog(AuditFilter(action: .programItemChange)).first)
        #expect(change.summary.hasSuffix("“MeNow Munchies 12 lb” (12 lb) → “MeNow Munchies 12 lb bag” (12 lb)"))
        // Changing it from another program is refused with the owner's name.
        #expect(throws: StoreError.upcInOtherProgram(upc: upc("01234567890"), program: "MeNow Dog Food")) {
            try t.store.changeProgramItem(ProgramItem(programID: cat.id, upc: thirteen, description: "x"), by: TestStore.admin)
        }
        // A CSV line for a UPC already there changes it and says so (returned and audited), never silently.
        let changes = try t.store.addProgramItems([ProgramItem(programID: dog.id, upc: upc("01234567891"),
                                                               description: "MeNow Munchies 4 lb bag", size: "4 lb")],
                                                  by: TestStore.admin)
        #expect(changes.map(\.text) == ["“MeNow Munchies 4 lb” (4 lb) → “MeNow Munchies 4 lb bag” (4 lb)"])
        #expect(try t.store.auditLog(AuditFilter(action: .programItemChange)).count == 2)
    }

    @Test func programRulesAndRoles() throws {
        let (t, dog, _, _) = try TestStore.withPrograms()
        #expect(throws: StoreError.notAllowed(action: "change programs", needs: .admin)) {
            try t.store.addProgram(Program(name: "X", manufacturer: "", punchesRequired: 5, rewardRule: ""), by: TestStore.manager)
        }
        #expect(throws: StoreError.self) {
            try t.store.addProgram(Program(name: "Zero", manufacturer: "", punchesRequired: 0, rewardRule: ""), by: TestStore.admin)
        }
        #expect(throws: StoreError.programNameTaken("menow dog food")) {
            try t.store.addProgram(Program(name: "menow dog food", manufacturer: "", punchesRequired: 5, rewardRule: ""), by: TestStore.admin)
        }
        var changed = dog
        changed.rewardRule = "same size free"
        changed.punchesRequired = 4
        try t.store.updateProgram(changed, by: TestStore.admin)
        #expect(try t.store.program(id: dog.id)?.program.punchesRequired == 4)
        #expect(try t.store.auditLog(AuditFilter(action: .programUpdate)).first?.summary.contains("N 3 → 4") == true)
        // The schema refuses what the facade refuses.
        #expect(throws: SQLError.self) {
            try t.raw().write { try $0.execute(sql: "INSERT INTO programs (name, punches_required, created_at) VALUES ('Bad', 0, '2025-01-01')") }
        }
        #expect(throws: SQLError.self) {
            try t.raw().write { try $0.execute(sql: "INSERT INTO program_items (upc, program_id, description) VALUES (?, ?, 'dup')",
                                                   arguments: [upc("01234567890").gtin14, dog.id]) }
        }
    }

    @Test func loweringNBelowACardInProgressIsRefusedAndRaisingItReopensCards() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), quantity: 3, by: TestStore.cashier)
        var smaller = dog
        smaller.punchesRequired = 2
        #expect(throws: StoreError.self) { try t.store.updateProgram(smaller, by: TestStore.admin) }
        var bigger = dog
        bigger.punchesRequired = 5
        try t.store.updateProgram(bigger, by: TestStore.admin)
        let card = try #require(try t.store.customerDetail(id: sally.id)?.programs.first?.cards.first)
        #expect(card.card.state == .open)
        // An inactive program's items earn nothing, at the counter, by the button or by import.
        bigger.active = false
        try t.store.updateProgram(bigger, by: TestStore.admin)
        #expect(throws: StoreError.programInactive("MeNow Dog Food")) {
            try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: TestStore.cashier)
        }
        let sale = try t.store.recordRealtimeSale(customer: sally.id, saleID: "S", lines: [
            SaleLine(saleID: "S", saleLineID: "L", completedAt: Date(), upc: upc("01234567890"), description: "bag", quantity: 1)],
            by: TestStore.cashier)
        #expect(sale.punches.isEmpty && sale.noItemLines.count == 1)
        #expect(try t.store.linePrograms(for: [upc("01234567890")], at: nil).entries.isEmpty)
    }
}
