package io.warden.node.domain.lock;

import io.warden.schema.protocol.ResultCode;

/**
 * Told when a queued claim ends without its owner asking at that moment: granted later, timed out, or withdrawn.
 */
public interface ClaimListener
{
    /**
     * A queued claim was granted; {@link LockClaim#token()} is its fencing token.
     */
    void onGranted(LockQueue lock, LockClaim claim);

    /**
     * A queued claim ended without a grant: {@link ResultCode#TIMED_OUT} or {@link ResultCode#CANCELLED}.
     */
    void onWaitEnded(LockQueue lock, LockClaim claim, ResultCode code);
}
