import Foundation
import Lightspeed

/// The `/API/V3/...` read endpoints: filters, sorting, cursors and relations, serialized the way Lightspeed
/// does (strings everywhere, one object instead of a one-element array, no key for an empty relation).
extension SimulatorState {
    private struct Entity {
        var name: String
        var idKey: String
        var sortable: [String]
    }

    private static let entities: [String: Entity] = [
        "Sale": Entity(name: "Sale", idKey: "saleID", sortable: ["saleID", "timeStamp", "completeTime", "updatetime"]),
        "Customer": Entity(name: "Customer", idKey: "customerID", sortable: ["customerID", "timeStamp", "firstName", "lastName"]),
        "Item": Entity(name: "Item", idKey: "itemID", sortable: ["itemID", "timeStamp", "description", "upc", "ean", "customSku", "systemSku"]),
        "Shop": Entity(name: "Shop", idKey: "shopID", sortable: ["shopID", "name", "timeStamp"]),
    ]

    private static let reserved: Set<String> = ["sort", "limit", "load_relations", "after", "before", "count", "archived", "offset", "orderby", "orderby_desc"]

    func api(path: String, query: [(String, String)]) -> SimulatorResponse {
        let parts = path.split(separator: "/").map(String.init)
        // ["API", "V3", "Account.json"] or ["API", "V3", "Account", id, "Entity.json"] or [..., "Entity", id + ".json"]
        guard parts.count >= 3, parts[0] == "API", parts[1] == "V3" else {
            return .apiError(404, "Not Found", "Unknown API path \(path).")
        }
        if parts.count == 3, parts[2] == "Account.json" {
            let account: LightspeedJSON = .object(["accountID": .string(accountID), "name": .string(accountName),
                                                   "link": .object(["@attributes": .object(["href": .string("/API/V3/Account/\(accountID)")])])])
            return .json(200, .object(["@attributes": .object(["count": .string("1")]), "Account": account]))
        }
        guard parts.count >= 5, parts[2] == "Account" else { return .apiError(404, "Not Found", "Unknown API path \(path).") }
        guard parts[3] == accountID else {
            return .apiError(403, "Forbidden", "You do not have access to account \(parts[3]).", errorClass: "PermissionException")
        }
        let relations = Self.relations(query)
        if parts.count == 5, parts[4].hasSuffix(".json") {
            let name = String(parts[4].dropLast(5))
            guard let entity = Self.entities[name] else { return .apiError(404, "Not Found", "Unknown entity \(name).") }
            return list(entity, query: query, relations: relations, path: path)
        }
        if parts.count == 6, parts[5].hasSuffix(".json") {
            let id = String(parts[5].dropLast(5))
            let output: LightspeedJSON?
            switch parts[4] {
            case "Sale": output = sales[id] == nil ? nil : render(sale: id, relations: relations)
            case "Customer":
                // Archived records are hidden unless asked for (`archived=true` or `only`), even by ID.
                let archived = query.last { $0.0 == "archived" }?.1 ?? "false"
                output = customers[id].flatMap { customer in
                    customer.flag("archived") && archived != "true" && archived != "only" ? nil : customer
                }.map { render(customer: $0, withContact: relations.contains("Contact") || relations.contains("all")) }
            case "Item": output = items[id]
            case "Shop": output = shops[id]
            default: return .apiError(404, "Not Found", "Unknown entity \(parts[4]).")
            }
            guard let output else { return .apiError(404, "Not Found", "\(parts[4]) not found.", errorClass: "NotFoundException") }
            return .json(200, .object(["@attributes": .object(["count": .string("1")]), parts[4]: output]))
        }
        return .apiError(404, "Not Found", "Unknown API path \(path).")
    }

    static func relations(_ query: [(String, String)]) -> Set<String> {
        guard let raw = query.first(where: { $0.0 == "load_relations" })?.1 else { return [] }
        if raw == "all" { return ["all"] }
        guard let json = try? LightspeedJSON.parse(Data(raw.utf8)) else { return [] }
        return Set(json.elements.compactMap(\.text) + (json.text.map { [$0] } ?? []))
    }

    // MARK: Rendering

    func render(sale id: String, relations: Set<String>) -> LightspeedJSON {
        guard var fields = sales[id]?.fields else { return .null }
        let all = relations.contains("all")
        if all || relations.contains("SaleLines") {
            let withItems = all || relations.contains("SaleLines.Item")
            let lines = (saleLines[id] ?? []).map { line -> LightspeedJSON in
                guard var lineFields = line.fields else { return line }
                let embedded = lineFields.removeValue(forKey: "Item")
                if withItems, let itemID = line.link("itemID"), let item = embedded ?? items[itemID] {
                    lineFields["Item"] = item
                }
                return .object(lineFields)
            }
            // A sale without lines has no SaleLines key at all, as observed.
            if !lines.isEmpty { fields["SaleLines"] = .object(["SaleLine": .collection(lines)]) }
        }
        if all || relations.contains("Customer"), let customerID = fields["customerID"].flatMap({ LightspeedJSON.object(["c": $0]).link("c") }),
           let customer = customers[customerID] {
            fields["Customer"] = render(customer: customer, withContact: all || relations.contains("Customer.Contact"))
        }
        return .object(fields)
    }

    func render(customer: LightspeedJSON, withContact: Bool) -> LightspeedJSON {
        guard var fields = customer.fields else { return customer }
        if !withContact { fields["Contact"] = nil }
        return .object(fields)
    }

    // MARK: Lists

    private func list(_ entity: Entity, query: [(String, String)], relations: Set<String>, path: String) -> SimulatorResponse {
        func value(_ name: String) -> String? { query.last { $0.0 == name }?.1 }
        if value("offset") != nil || value("orderby") != nil {
            return .apiError(400, "Bad Request", "offset and orderby are not supported in V3; use the next and previous URLs.")
        }
        var filters: [SimulatorFilter] = []
        for (name, raw) in query where !Self.reserved.contains(name) {
            let filter = SimulatorFilter(field: name, value: raw)
            if let problem = filter.validationError() { return .apiError(400, "Bad Request", problem) }
            filters.append(filter)
        }
        let pool: [LightspeedJSON]
        switch entity.name {
        case "Sale": pool = Array(sales.values)
        case "Customer":
            let archived = value("archived") ?? "false"
            pool = customers.values.filter { customer in
                switch archived {
                case "true": return true
                case "only": return customer.flag("archived")
                default: return !customer.flag("archived")
                }
            }
        case "Shop": pool = Array(shops.values)
        default: pool = Array(items.values)
        }
        let matching = pool.filter { object in filters.allSatisfy { $0.matches(candidates(object, entity: entity.name, field: $0.field)) } }

        if value("count") == "1" {
            if ["limit", "sort", "after", "before"].contains(where: { value($0) != nil }) {
                return .apiError(400, "Bad Request", "count cannot be combined with limit, sort, after or before.")
            }
            return .json(200, .object(["@attributes": .object(["count": .string(String(matching.count))])]))
        }
        var sortField = value("sort") ?? entity.idKey
        let descending = sortField.hasPrefix("-")
        if descending { sortField.removeFirst() }
        guard entity.sortable.contains(sortField) else {
            return .apiError(400, "Bad Request", "Invalid sort field \(sortField). Sortable fields: \(entity.sortable.joined(separator: ", ")).")
        }
        let limitText = value("limit") ?? "100"
        guard let limit = Int(limitText), (0...100).contains(limit) else {
            return .apiError(400, "Bad Request", "limit must be between 0 and 100.")
        }
        func key(_ object: LightspeedJSON) -> (String, String) {
            let sortValue = sortField == "updatetime" ? (object["updatetime"]?.text ?? object.string("updateTime")) : object.string(sortField)
            return (sortValue, object.string(entity.idKey))
        }
        func order(_ a: (String, String), _ b: (String, String)) -> Int {
            var result = SimulatorFilter.compare(a.0, b.0)
            if result == 0 { result = SimulatorFilter.compare(a.1, b.1) }
            return descending ? -result : result
        }
        let sorted = matching.sorted { order(key($0), key($1)) < 0 }
        var page: [LightspeedJSON]
        if let after = value("after") {
            guard let cursor = SimulatorCursor.parse(after) else { return .apiError(400, "Bad Request", "Invalid after cursor.") }
            page = Array(sorted.filter { order(key($0), cursor) > 0 }.prefix(limit))
        } else if let before = value("before") {
            guard let cursor = SimulatorCursor.parse(before) else { return .apiError(400, "Bad Request", "Invalid before cursor.") }
            page = Array(sorted.filter { order(key($0), cursor) < 0 }.suffix(limit))
        } else {
            page = Array(sorted.prefix(limit))
        }
        var attributes: [String: LightspeedJSON] = ["next": .string(""), "previous": .string("")]
        if let last = page.last, let lastIndex = sorted.firstIndex(where: { key($0) == key(last) }), lastIndex < sorted.count - 1 {
            let cursor = key(last)
            attributes["next"] = .string(pageURL(path: path, query: query, sort: value("sort") ?? entity.idKey, limit: limit,
                                                 cursor: ("after", SimulatorCursor.make(sortValue: cursor.0, id: cursor.1))))
        }
        if let first = page.first, let firstIndex = sorted.firstIndex(where: { key($0) == key(first) }), firstIndex > 0 {
            let cursor = key(first)
            attributes["previous"] = .string(pageURL(path: path, query: query, sort: value("sort") ?? entity.idKey, limit: limit,
                                                     cursor: ("before", SimulatorCursor.make(sortValue: cursor.0, id: cursor.1))))
        }
        let rendered = page.map { object -> LightspeedJSON in
            switch entity.name {
            case "Sale": return render(sale: object.string("saleID"), relations: relations)
            case "Customer": return render(customer: object, withContact: relations.contains("Contact") || relations.contains("all"))
            default: return object
            }
        }
        var envelope: [String: LightspeedJSON] = ["@attributes": .object(attributes)]
        if !rendered.isEmpty { envelope[entity.name] = .collection(rendered) }
        return .json(200, .object(envelope))
    }

    /// `next` keeps every original parameter and adds the default sort and limit, like Lightspeed's.
    private func pageURL(path: String, query: [(String, String)], sort: String, limit: Int, cursor: (String, String)) -> String {
        var items = query.filter { $0.0 != "after" && $0.0 != "before" && $0.0 != "sort" && $0.0 != "limit" }
        items += [("sort", sort), ("limit", String(limit)), cursor]
        return "\(baseURL)\(path)?\(QueryEncoding.build(items))"
    }

    /// The values a filter field stands for on one object (a customer has several phones and emails).
    private func candidates(_ object: LightspeedJSON, entity: String, field: String) -> [String] {
        if entity == "Customer", field.hasPrefix("Contact.") {
            let contact = object["Contact"] ?? .null
            let name = String(field.dropFirst("Contact.".count))
            let phoneTypes = ["phoneHome": "Home", "phoneWork": "Work", "mobile": "Mobile", "pager": "Pager", "fax": "Fax"]
            if name == "email" { return contact.many("Emails", "ContactEmail").map { $0.string("address") } }
            if let useType = phoneTypes[name] {
                return contact.many("Phones", "ContactPhone").filter { $0.string("useType") == useType }.map { $0.string("number") }
            }
            return [contact.string(name)]
        }
        if entity == "Item", field == "itemCode" {
            return [object.string("itemID"), object.string("upc"), object.string("ean")].filter { !$0.isEmpty }
        }
        if field == "updatetime" || field == "updateTime" {
            return [object["updatetime"]?.text ?? object.string("updateTime")]
        }
        return [object.string(field)]
    }
}
