// AWS KMS (`sops.kms`): kept intact, never used to decrypt here.
import { unreachableKeyType } from "./unreachable.js";

export const awsKmsKey = unreachableKeyType("kms", "AWS KMS", ["arn"], (e) => e.arn!);
