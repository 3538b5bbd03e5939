from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..paths import resources_dir


class WeipianProvider(QgsProcessingProvider):
    def id(self):
        return "weipian"

    def name(self):
        return "卫片执法 (weipian)"

    def longName(self):
        return self.name()

    def icon(self):
        import os

        return QIcon(os.path.join(resources_dir(), "icons", "weipian.svg"))

    def loadAlgorithms(self):
        from .alg_attach_photos import AttachPhotos
        from .alg_check_work_package import CheckWorkPackage
        from .alg_city import (
            CityReturnPackage,
            CityReview,
            CityStatistics,
            CreateCityHub,
            ImportCityReturn,
            ImportUploadPackages,
        )
        from .alg_create_work_package import CreateWorkPackage
        from .alg_exchange import ExportAssignmentPackages, ExportReturnPackage, ImportReturnPackage, ResolveConflict
        from .alg_field import ExportFieldProject, ImportFieldProject
        from .alg_keys import CityTrustKey, OpenAssignmentPackage, SigningKey, TrustKey
        from .alg_office import ExportWorkPackage, PublishWorkPackage, RenewProtections, SetMember
        from .alg_read_photos import ReadPhotos
        from .alg_records import (
            ImportHigherFindings,
            ImportVerdicts,
            RecordFieldChecks,
            RecordPatch,
            SetBatchImagery,
            SetResponsiblePersons,
        )
        from .alg_statistics import HandoverLists, TaskForceList, YearlyStatistics
        from .alg_upload import ExportUploadPackage, MonthlyStatistics, VerifyPackage

        for alg in (CreateWorkPackage(), ReadPhotos(), AttachPhotos(), CheckWorkPackage(), ExportAssignmentPackages(),
                    ExportReturnPackage(), ImportReturnPackage(), ExportUploadPackage(), VerifyPackage(),
                    MonthlyStatistics(), ResolveConflict(), ImportVerdicts(), ImportHigherFindings(),
                    RecordFieldChecks(), SetResponsiblePersons(), RecordPatch(), SetBatchImagery(), YearlyStatistics(),
                    TaskForceList(), HandoverLists(), PublishWorkPackage(), ExportWorkPackage(), CreateCityHub(), ImportUploadPackages(),
                    CityReview(), CityStatistics(), CityReturnPackage(), ImportCityReturn(), SigningKey(), TrustKey(),
                    CityTrustKey(), OpenAssignmentPackage(), SetMember(), RenewProtections(), ExportFieldProject(), ImportFieldProject()):
            self.addAlgorithm(alg)
