"""What a consequence rule can prescribe, and the due-process steps it may owe."""

from __future__ import annotations

import enum

__all__ = ["Action", "Step"]


class Action(enum.Enum):
    """What a rule recommends, from no action to dismissal.

    ``severity`` orders them for "the strongest of several rules" and for the
    law that a worse history never gets a lighter action. The order is this
    library's reading of how far each moves a cadre from their post.
    """

    NONE = "none"  #: a clause was met but an exception applies; recorded for the file
    REVIEW = "review"  #: xem xét: a competent body must look before anything happens
    REASSIGN = "reassign"  #: bố trí công tác khác
    TRANSFER = "transfer"  #: điều chuyển công tác
    NOT_REAPPOINT = "not_reappoint"  #: không bổ nhiệm lại
    LOWER_POST = "lower_post"  #: bố trí vào vị trí việc làm thấp hơn
    RELIEVE_OF_POST = "relieve_of_post"  #: cho thôi giữ chức vụ
    REMOVE_FROM_POST = "remove_from_post"  #: miễn nhiệm, cho thôi làm nhiệm vụ
    DISMISS = "dismiss"  #: cho thôi việc

    @property
    def severity(self) -> int:
        """0 for NONE up to 8 for DISMISS."""
        return list(Action).index(self)

    @property
    def vietnamese(self) -> str:
        """The action as Vietnamese documents name it."""
        return _ACTION_VI[self]


_ACTION_VI = {
    Action.NONE: "không áp dụng biện pháp",
    Action.REVIEW: "xem xét",
    Action.REASSIGN: "bố trí công tác khác",
    Action.TRANSFER: "điều chuyển công tác",
    Action.NOT_REAPPOINT: "không bổ nhiệm lại",
    Action.LOWER_POST: "bố trí vào vị trí việc làm thấp hơn",
    Action.RELIEVE_OF_POST: "cho thôi giữ chức vụ",
    Action.REMOVE_FROM_POST: "miễn nhiệm",
    Action.DISMISS: "cho thôi việc",
}


class Step(enum.Enum):
    """A recommended safeguard step before an adverse action (good practice, not Vietnamese law).

    Modelled on the US federal sequence (5 U.S.C. 4303; 5 CFR 432.104):
    notice of what failed and the standard to reach, an opportunity to
    improve with assistance, a reply, a decision concurred in by a higher
    level, appeal, and the record cleared after a later acceptable period.
    The Vietnamese sources do not prescribe these steps: no preset lists them;
    a rule opts in (``due_process=US_MODEL_SAFEGUARDS``) and they print as
    recommended safeguards, never as owed.
    """

    WRITTEN_NOTICE = "written_notice"  #: thông báo bằng văn bản những việc không đạt
    IMPROVEMENT_PERIOD = "improvement_period"  #: thời gian khắc phục, có hỗ trợ
    REPLY = "reply"  #: cán bộ giải trình
    HIGHER_SIGN_OFF = "higher_sign_off"  #: cấp trên trực tiếp cho ý kiến
    APPEAL = "appeal"  #: khiếu nại
    RECORD_CLEARED = "record_cleared"  #: xóa ghi nhận sau kỳ đánh giá tốt

    @property
    def vietnamese(self) -> str:
        """The step in Vietnamese."""
        return _STEP_VI[self]


_STEP_VI = {
    Step.WRITTEN_NOTICE: "thông báo bằng văn bản những chỉ tiêu, nhiệm vụ không đạt và yêu cầu",
    Step.IMPROVEMENT_PERIOD: "thời gian khắc phục, có hỗ trợ của cấp trên",
    Step.REPLY: "cán bộ giải trình, tự bảo vệ",
    Step.HIGHER_SIGN_OFF: "cấp trên trực tiếp thẩm định, cho ý kiến",
    Step.APPEAL: "quyền khiếu nại",
    Step.RECORD_CLEARED: "xóa ghi nhận nếu kỳ sau đạt yêu cầu",
}
