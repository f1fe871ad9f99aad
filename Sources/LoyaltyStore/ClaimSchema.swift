

extension Schema {
    /// Migration v9-claims (issue 17, manufacturer reimbursement): the proof a claim needs on punches
    /// (price, ticket, who rang it up, location) and on customers (postal address); program rules as
    /// immutable versions; claims, their batches and their history.
    static func createClaims(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            ALTER TABLE customers ADD COLUMN postal_address TEXT NOT NULL DEFAULT '';
            ALTER TABLE punches ADD COLUMN unit_price_cents INTEGER
                CHECK (unit_price_cents IS NULL OR unit_price_cents >= 0);
            ALTER TABLE punches ADD COLUMN receipt TEXT;
            ALTER TABLE punches ADD COLUMN rung_up_by TEXT;
            ALTER TABLE punches ADD COLUMN location_id TEXT NOT NULL DEFAULT 'main';

            -- A program's rules for claims, one row per version; a change is a new version.
            CREATE TABLE claim_rule_sets (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                program_id INTEGER NOT NULL REFERENCES programs(id),
                version INTEGER NOT NULL CHECK (version > 0),
                distributor TEXT NOT NULL CHECK (length(trim(distributor)) > 0),
                rules_json TEXT NOT NULL CHECK (json_valid(rules_json)),
                created_at DATETIME NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (program_id, version)
            );
            CREATE TRIGGER claim_rule_sets_no_update BEFORE UPDATE ON claim_rule_sets
            BEGIN SELECT RAISE(ABORT, 'rule versions are never changed'); END;
            CREATE TRIGGER claim_rule_sets_no_delete BEFORE DELETE ON claim_rule_sets
            BEGIN SELECT RAISE(ABORT, 'rule versions are never changed'); END;

            -- One submission to one distributor.
            CREATE TABLE claim_batches (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                label TEXT NOT NULL UNIQUE CHECK (length(label) > 0),
                distributor TEXT NOT NULL,
                created_at DATETIME NOT NULL,
                created_by TEXT NOT NULL,
                submitted_at DATETIME,
                submitted_by TEXT,
                CHECK ((submitted_at IS NULL) = (submitted_by IS NULL))
            );

            -- One redemption's claim (store-funded ones too, so every free bag is accounted for).
            CREATE TABLE claims (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                card_id INTEGER NOT NULL REFERENCES cards(id),
                customer_id INTEGER NOT NULL REFERENCES customers(id),
                program_id INTEGER NOT NULL REFERENCES programs(id),
                rule_set_id INTEGER REFERENCES claim_rule_sets(id),
                location_id TEXT NOT NULL,
                distributor TEXT NOT NULL,
                funding TEXT NOT NULL CHECK (funding IN ('claim', 'manager-exception', 'store-funded')),
                state TEXT NOT NULL CHECK (state IN ('uncredited', 'submitted', 'credited', 'denied', 'corrected',
                                                     'resubmitted', 'reconciled', 'store-funded', 'void')),
                redeemed_on TEXT NOT NULL CHECK (redeemed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                due_on TEXT,
                claim_cents INTEGER CHECK (claim_cents IS NULL OR claim_cents >= 0),
                credited_cents INTEGER CHECK (credited_cents IS NULL OR credited_cents >= 0),
                denial_reason TEXT,
                correction_note TEXT,
                batch_id INTEGER REFERENCES claim_batches(id),
                proof_json TEXT NOT NULL CHECK (json_valid(proof_json)),
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL,
                CHECK ((funding = 'store-funded') = (state = 'store-funded') OR state = 'void'),
                CHECK (state NOT IN ('submitted', 'resubmitted', 'credited', 'denied', 'reconciled') OR batch_id IS NOT NULL),
                CHECK (state <> 'denied' OR length(trim(denial_reason)) > 0)
            );
            CREATE UNIQUE INDEX claims_one_live_per_card ON claims(card_id) WHERE state <> 'void';
            CREATE INDEX claims_by_state ON claims(state, distributor, redeemed_on);
            CREATE INDEX claims_by_batch ON claims(batch_id) WHERE batch_id IS NOT NULL;
            CREATE INDEX claims_by_customer ON claims(customer_id);

            -- Every move of a claim: who, when, from and to, in which batch, why, how much.
            CREATE TABLE claim_events (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                claim_id INTEGER NOT NULL REFERENCES claims(id),
                at DATETIME NOT NULL,
                username TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT NOT NULL,
                batch_id INTEGER REFERENCES claim_batches(id),
                cents INTEGER,
                note TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX claim_events_by_claim ON claim_events(claim_id, id);
            CREATE TRIGGER claim_events_no_update BEFORE UPDATE ON claim_events
            BEGIN SELECT RAISE(ABORT, 'claim history is append-only'); END;
            CREATE TRIGGER claim_events_no_delete BEFORE DELETE ON claim_events
            BEGIN SELECT RAISE(ABORT, 'claim history is append-only'); END;

            -- Household rule: redeemed cards of a program at one postal address.
            CREATE INDEX customers_by_postal_address ON customers(postal_address) WHERE postal_address <> '';
            """)
    }
}
