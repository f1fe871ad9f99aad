import Foundation
import Lightspeed
import LightspeedSimulator

/// Lightspeed-shaped test data, written the way the API sends it (strings everywhere, one object or an array).
enum Fixtures {
    static let data = """
    {
      "Account": {"accountID": "12345", "name": "Kit Kraft Sandbox"},
      "Customer": [
        {"customerID": "8", "firstName": "Jane", "lastName": "Doe", "archived": "false", "contactID": "16",
         "creditAccountID": "0", "createTime": "2023-09-03T13:53:54+00:00", "timeStamp": "2024-09-06T12:41:58+00:00",
         "Contact": {"contactID": "16", "custom": "", "noEmail": "false", "noPhone": "false", "noMail": "false",
           "Addresses": "",
           "Phones": {"ContactPhone": [{"number": "360 555 2453", "useType": "Home"}, {"number": "360-555-0199", "useType": "Mobile"}]},
           "Emails": {"ContactEmail": {"address": "jane@example.com", "useType": "Primary"}},
           "Websites": ""}},
        {"customerID": "9", "firstName": "Sally", "lastName": "Pet Owner", "archived": "false",
         "Contact": {"contactID": "17", "Addresses": "", "Phones": "", "Emails": "", "Websites": ""}},
        {"customerID": "10", "firstName": "Old", "lastName": "Gone", "archived": "true",
         "Contact": {"contactID": "18", "Addresses": "", "Phones": {"ContactPhone": {"number": "(555) 010-9999", "useType": "Mobile"}}, "Emails": "", "Websites": ""}}
      ],
      "Item": [
        {"itemID": "12", "systemSku": "210000000012", "description": "Dog Food 5lb", "upc": "012345678905", "ean": "", "customSku": "DF5",
         "archived": "false", "Prices": {"ItemPrice": [{"amount": "9.99", "useTypeID": "1", "useType": "Default"}, {"amount": "0", "useTypeID": "2", "useType": "MSRP"}]}},
        {"itemID": "28", "systemSku": "210000000028", "description": "Cat Treats", "upc": "", "ean": "4006381333931", "customSku": "",
         "archived": "false", "Prices": {"ItemPrice": {"amount": "10", "useTypeID": "1", "useType": "Default"}}},
        {"itemID": "30", "systemSku": "210000000030", "description": "Bird Seed", "upc": "", "ean": "", "customSku": "BIRD-1",
         "archived": "false", "Prices": {"ItemPrice": {"amount": "4.5", "useTypeID": "1", "useType": "Default"}}}
      ],
      "Sale": [
        {"saleID": "277", "completed": "true", "voided": "false", "archived": "false",
         "createTime": "2024-11-10T13:49:02+00:00", "updatetime": "2024-11-10T13:51:54+00:00",
         "completeTime": "2024-11-10T13:51:54+00:00", "timeStamp": "2024-11-10T13:51:54+00:00",
         "ticketNumber": "220000000277", "calcSubtotal": "29.99", "calcTotal": "34.48", "total": "34.48",
         "customerID": "8", "employeeID": "2", "registerID": "5", "shopID": "1",
         "SaleLines": {"SaleLine": [
           {"saleLineID": "269", "unitQuantity": "1", "unitPrice": "9.99", "calcSubtotal": "9.99", "itemID": "12",
            "parentSaleLineID": "0", "saleID": "277", "createTime": "2024-11-10T13:50:10+00:00"},
           {"saleLineID": "270", "unitQuantity": "2", "unitPrice": "10", "calcSubtotal": "20", "itemID": "28",
            "parentSaleLineID": "0", "saleID": "277"}]}},
        {"saleID": "278", "completed": "true", "voided": "false", "updateTime": "2024-11-11T10:00:00+00:00",
         "completeTime": "2024-11-11T10:00:00+00:00", "ticketNumber": "220000000278", "calcSubtotal": "4.5",
         "customerID": "9", "employeeID": "2", "registerID": "5", "shopID": "1",
         "SaleLines": {"SaleLine": {"saleLineID": "271", "unitQuantity": "1", "unitPrice": "4.5", "calcSubtotal": "4.5",
            "itemID": "30", "parentSaleLineID": "0", "saleID": "278"}}},
        {"saleID": "279", "completed": "true", "voided": "false", "completeTime": "2024-11-12T10:00:00+00:00",
         "calcSubtotal": "0", "customerID": "0", "employeeID": "2", "registerID": "5", "shopID": "1"},
        {"saleID": "280", "completed": "true", "voided": "false", "completeTime": "2024-11-13T10:00:00+00:00",
         "calcSubtotal": "-9.99", "customerID": "8", "employeeID": "2", "registerID": "5", "shopID": "1",
         "SaleLines": {"SaleLine": [
           {"saleLineID": "272", "unitQuantity": "-1", "unitPrice": "9.99", "calcSubtotal": "-9.99", "itemID": "12",
            "parentSaleLineID": "269", "saleID": "280"},
           {"saleLineID": "273", "unitQuantity": "1", "unitPrice": "2", "calcSubtotal": "2", "itemID": "0",
            "parentSaleLineID": "0", "saleID": "280"}]}},
        {"saleID": "281", "completed": "true", "voided": "true", "completeTime": "2024-11-14T10:00:00+00:00",
         "calcSubtotal": "9.99", "customerID": "8",
         "SaleLines": {"SaleLine": {"saleLineID": "274", "unitQuantity": "1", "unitPrice": "9.99", "calcSubtotal": "9.99", "itemID": "12", "parentSaleLineID": "0", "saleID": "281"}}},
        {"saleID": "282", "completed": "false", "voided": "false", "customerID": "8",
         "SaleLines": {"SaleLine": {"saleLineID": "275", "unitQuantity": "1", "unitPrice": "9.99", "itemID": "12", "parentSaleLineID": "0", "saleID": "282"}}}
      ]
    }
    """

    static func simulatorData() throws -> SimulatorData {
        try SimulatorData(json: try LightspeedJSON.parse(Data(data.utf8)))
    }

    /// Sales for paging: `count` completed sales for customer 8, a day apart.
    static func pagingData(count: Int) throws -> SimulatorData {
        var data = try simulatorData()
        data.sales = (0..<count).map { index in
            let id = String(1000 + index)
            let day = String(format: "%02d", index % 28 + 1)
            let month = String(format: "%02d", index / 28 + 1)
            return .object([
                "saleID": .string(id), "completed": .string("true"), "voided": .string("false"),
                "completeTime": .string("2025-\(month)-\(day)T15:00:00+00:00"), "customerID": .string("8"),
                "calcSubtotal": .string("9.99"),
                "SaleLines": .object(["SaleLine": .object([
                    "saleLineID": .string(String(5000 + index)), "unitQuantity": .string("1"), "unitPrice": .string("9.99"),
                    "calcSubtotal": .string("9.99"), "itemID": .string("12"), "parentSaleLineID": .string("0"), "saleID": .string(id)])]),
            ])
        }
        return data
    }
}

/// A running simulator on a loopback port with a virtual clock, and a connected client pointed at it.
struct Harness {
    let simulator: LightspeedSimulator
    let client: LightspeedClient
    let store: InMemoryTokenStore
    let clock: VirtualClock
    let configuration: LightspeedConfiguration

    static func start(data: SimulatorData? = nil, connected: Bool = true, pageSize: Int = 100,
                      requestTimeout: TimeInterval = 5, bucketSize: Double = 90,
                      tokenLifetime: TimeInterval = 3600, clockStart: Date? = nil,
                      legacyTokens: Bool = false) async throws -> Harness {
        let clock = clockStart.map { VirtualClock(start: $0) } ?? VirtualClock()
        let options = SimulatorOptions(accessTokenLifetime: tokenLifetime, bucketSize: bucketSize,
                                       legacyTokenResponses: legacyTokens, now: { clock.now() })
        let simulator = try LightspeedSimulator(data: try data ?? Fixtures.simulatorData(), options: options)
        let port = try await simulator.start()
        let base = URL(string: "http://127.0.0.1:\(port)")!
        // Astro Loyalty's public client, as a counter runs it: PKCE, no secret, no redirect_uri.
        let configuration = LightspeedConfiguration(apiBaseURL: base, authBaseURL: base, clientID: simulator.clientID,
                                                    requestTimeout: requestTimeout, pageSize: pageSize)
        let store = InMemoryTokenStore(connected ? await simulator.issueTokens() : nil)
        let client = LightspeedClient(configuration: configuration, tokenStore: store, environment: clock.environment)
        return Harness(simulator: simulator, client: client, store: store, clock: clock, configuration: configuration)
    }

    func stop() async { await simulator.stop() }
}
