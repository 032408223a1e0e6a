import GRDB

/// The store's schema, created and upgraded by a `DatabaseMigrator` (migration ids are permanent;
/// add new migrations, never edit shipped ones).
///
/// ```sql
/// store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)
///     -- spec_hash, spec_name, resolved_spec, created_at, format ("emoshift-store/1")
/// runs (id INTEGER PRIMARY KEY, spec_name TEXT, resolved_spec TEXT, spec_hash TEXT,
///       provenance TEXT /* RunProvenance JSON */, weights_sha256 TEXT NULL, demo INTEGER,
///       seed INTEGER /* UInt64 bit pattern */, started_at DATETIME, finished_at DATETIME NULL,
///       status TEXT /* running | completed | interrupted | failed */, merged_from TEXT NULL)
/// images (id INTEGER PRIMARY KEY, path TEXT, content_sha256 TEXT, width INTEGER NULL,
///         height INTEGER NULL, byte_size INTEGER, UNIQUE (content_sha256, path))
/// detections (id INTEGER PRIMARY KEY, image_id → images ON DELETE CASCADE, idx INTEGER,
///             label TEXT, score REAL, x REAL, y REAL, width REAL, height REAL, source TEXT,
///             UNIQUE (image_id, idx))
/// conditions (id INTEGER PRIMARY KEY /* local to this file */, name TEXT UNIQUE /* ExpandedCondition.id */,
///             transform TEXT, parameters TEXT /* JSON object */, group_name TEXT NULL,
///             sweep TEXT NULL /* JSON object of the swept values */)
/// records (id INTEGER PRIMARY KEY, image_id → images ON DELETE CASCADE, condition_id → conditions,
///          condition_name TEXT, method TEXT,
///          status TEXT CHECK IN ('ok','not-applicable','failed'), error TEXT NULL,
///          probabilities BLOB NULL /* 20 × float32 LE */, logits BLOB NULL /* 20 × float32 LE */,
///          top1 INTEGER NULL, valence /* untyped: exact IEEE double */ NULL, arousal /* idem */ NULL,
///          cam BLOB NULL /* cam_width × cam_height float32 LE, row-major */, cam_width INTEGER NULL,
///          cam_height INTEGER NULL, target_class INTEGER NULL, target_score_kind TEXT NULL,
///          applied_parameters TEXT NULL /* JSON */, item_seed INTEGER /* UInt64 bit pattern */,
///          run_id → runs NULL, created_at DATETIME,
///          UNIQUE (image_id, condition_id, method))
/// INDEX records_by_condition ON records (condition_id, method)   -- statistics scan per condition
/// INDEX records_by_run ON records (run_id); INDEX detections_by_image ON detections (image_id)
///
/// -- migration v2
/// importances (record_id → records ON DELETE CASCADE, detection_idx INTEGER /* detections.idx */,
///              value /* untyped: exact IEEE double */ NULL, reason TEXT NULL, convention TEXT,
///              PRIMARY KEY (record_id, detection_idx))
/// ```
/// Dates are GRDB's default text form (`yyyy-MM-dd HH:mm:ss.SSS`, UTC).
enum StoreSchema {
    static let format = "emoshift-store/1"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "store_meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "runs") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("spec_name", .text).notNull()
                t.column("resolved_spec", .text).notNull()
                t.column("spec_hash", .text).notNull()
                t.column("provenance", .text).notNull()
                t.column("weights_sha256", .text)
                t.column("demo", .boolean).notNull()
                t.column("seed", .integer).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime)
                t.column("status", .text).notNull()
                t.column("merged_from", .text)
            }
            try db.create(table: "images") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("path", .text).notNull()
                t.column("content_sha256", .text).notNull()
                t.column("width", .integer)
                t.column("height", .integer)
                t.column("byte_size", .integer).notNull()
                t.uniqueKey(["content_sha256", "path"])
            }
            try db.create(table: "detections") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("image_id", .integer).notNull().references("images", onDelete: .cascade)
                t.column("idx", .integer).notNull()
                t.column("label", .text).notNull()
                t.column("score", .double)
                t.column("x", .double)
                t.column("y", .double)
                t.column("width", .double)
                t.column("height", .double)
                t.column("source", .text).notNull()
                t.uniqueKey(["image_id", "idx"])
            }
            try db.create(table: "conditions") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull().unique()
                t.column("transform", .text).notNull()
                t.column("parameters", .text).notNull()
                t.column("group_name", .text)
                t.column("sweep", .text)
            }
            try db.create(table: "records") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("image_id", .integer).notNull().references("images", onDelete: .cascade) // indexed by the unique key
                t.column("condition_id", .integer).notNull().references("conditions")
                t.column("condition_name", .text).notNull()
                t.column("method", .text).notNull()
                t.column("status", .text).notNull()
                    .check(sql: "status IN ('ok', 'not-applicable', 'failed')")
                t.column("error", .text)
                t.column("probabilities", .blob)
                t.column("logits", .blob)
                t.column("top1", .integer)
                // No declared type (no affinity): a REAL-affinity column would store an integral
                // double such as -0.0 as the integer 0 and lose the sign; untyped keeps the 8 bytes.
                t.column("valence")
                t.column("arousal")
                t.column("cam", .blob)
                t.column("cam_width", .integer)
                t.column("cam_height", .integer)
                t.column("target_class", .integer)
                t.column("target_score_kind", .text)
                t.column("applied_parameters", .text)
                t.column("item_seed", .integer).notNull()
                t.column("run_id", .integer).references("runs")
                t.column("created_at", .datetime).notNull()
                t.uniqueKey(["image_id", "condition_id", "method"])
            }
            try db.create(index: "detections_by_image", on: "detections", columns: ["image_id"])
            try db.create(index: "records_by_run", on: "records", columns: ["run_id"])
            try db.create(index: "records_by_condition", on: "records", columns: ["condition_id", "method"])
        }
        migrator.registerMigration("v2-importances") { db in
            try db.create(table: "importances") { t in
                t.column("record_id", .integer).notNull().references("records", onDelete: .cascade)
                t.column("detection_idx", .integer).notNull()
                t.column("value")
                t.column("reason", .text)
                t.column("convention", .text).notNull()
                t.primaryKey(["record_id", "detection_idx"])
            }
        }
        return migrator
    }
}
