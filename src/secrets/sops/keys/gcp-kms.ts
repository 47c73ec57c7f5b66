// GCP KMS (`sops.gcp_kms`): kept intact, never used to decrypt here.
import { unreachableKeyType } from "./unreachable.js";

export const gcpKmsKey = unreachableKeyType("gcp_kms", "GCP KMS", ["resource_id"], (e) => e.resource_id!);
